package org.pcm2.grants.people;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** DWC's administrators change who serves the programme's groups. */
@RestController
@Tag(name = "Người / People")
class PeopleApi {

  /** The facilitator who takes a group over. */
  record FacilitatorRequest(String facilitatorId) {
  }

  private final FacilitatorHandover handover;
  private final PersonDeactivation deactivation;

  PeopleApi(FacilitatorHandover handover, PersonDeactivation deactivation) {
    this.handover = handover;
    this.deactivation = deactivation;
  }

  @PostMapping("/api/people/{id}/deactivate")
  @Operation(summary = "Cho một người thôi tham gia: không đăng nhập được, trả lại việc đã nhận (quản trị DWC) /"
      + " Deactivate a person: no sign-in, claimed steps returned (DWC administrators)")
  PersonDeactivation.Deactivated deactivate(@PathVariable String id, Authentication user) {
    requireAdministrator(user);
    return deactivation.deactivate(id, user.getName());
  }

  private static void requireAdministrator(Authentication user) {
    if (!Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("people.administratorsOnly"));
    }
  }

  @PutMapping(path = "/api/groups/{code}/facilitator", consumes = "application/json")
  @Operation(summary = "Giao nhóm cho cán bộ hỗ trợ khác (quản trị DWC) / Hand a group to another facilitator"
      + " (DWC administrators)")
  FacilitatorHandover.Moved handOver(@PathVariable String code, @RequestBody FacilitatorRequest request,
      Authentication user) {
    requireAdministrator(user);
    return handover.handOver(code, request.facilitatorId(), user.getName());
  }
}
