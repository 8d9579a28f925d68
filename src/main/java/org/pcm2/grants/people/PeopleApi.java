package org.pcm2.grants.people;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The programme's people: DWC's administrators add people (who then choose their own
 * password through the link mailed to them), send a fresh link, deactivate them, and change
 * who serves the groups; DWC reads who is who.
 */
@RestController
@Tag(name = "people", description = "Người / People")
class PeopleApi {

  /** The facilitator who takes a group over. */
  record FacilitatorRequest(String facilitatorId) {
  }

  static final int MAX_PAGE_SIZE = 100;

  private final FacilitatorHandover handover;
  private final PersonDeactivation deactivation;
  private final PersonRegistration registration;
  private final PeopleQueries people;

  PeopleApi(FacilitatorHandover handover, PersonDeactivation deactivation, PersonRegistration registration,
      PeopleQueries people) {
    this.handover = handover;
    this.deactivation = deactivation;
    this.registration = registration;
    this.people = people;
  }

  @PostMapping(path = "/api/people", consumes = "application/json")
  @Operation(summary = "Thêm một người: tài khoản Camunda, nhóm, thư mời chọn mật khẩu (quản trị DWC) /"
      + " Add a person: Camunda account, groups, a mail inviting them to choose their password (DWC administrators)",
      description = "role: FACILITATOR, COMMUNE_LEADER (commune: mã xã / commune code), DWC_OFFICER, DWC_FINANCE,"
          + " DWC_DIRECTOR. id: a-z, A-Z, 0-9. 400 nêu từng trường sai / names each wrong field; 409: id đã có /"
          + " id taken. Không có mật khẩu nào được gửi / no password is ever sent.")
  @ApiResponse(responseCode = "201", description = "Đã thêm, thư mời đang gửi / Added, the invitation is on its way",
      useReturnTypeSchema = true)
  ResponseEntity<PeopleQueries.Person> register(@RequestBody PersonRegistration.NewPerson request,
      Authentication user) {
    requireAdministrator(user);
    PeopleQueries.Person person = registration.register(request, user.getName());
    return ResponseEntity.created(URI.create("/api/people?q=" + person.id())).body(person);
  }

  @GetMapping("/api/people")
  @Operation(summary = "Tìm người theo mã, tên, địa chỉ thư; theo vai trò; từng trang (DWC, quản trị) /"
      + " People by id, name or email, by role, page by page (DWC, administrators)",
      description = "role: FACILITATOR, COMMUNE_LEADER, DWC_OFFICER, DWC_FINANCE, DWC_DIRECTOR, ADMINISTRATOR;"
          + " page from 0, size 1-100. active=false: đã thôi tham gia / has left the programme.")
  PeopleQueries.Page search(@RequestParam(required = false) String q, @RequestParam(required = false) String role,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size, Authentication user) {
    Viewer viewer = Viewer.of(user);
    if (!viewer.isDwc() && !viewer.isAdministrator()) {
      throw new NotFoundException(Texts.both("people.dwcOrAdministrators"));
    }
    List<FieldError> errors = new ArrayList<>();
    PersonRole asked = null;
    if (role != null && !role.isBlank()) {
      asked = PersonRole.named(role.trim()).orElse(null);
      if (asked == null) {
        errors.add(new FieldError("role", Texts.both("check.oneOf", String.join(", ",
            List.of(PersonRole.values()).stream().map(Enum::name).toList()))));
      }
    }
    if (page < 0) {
      errors.add(new FieldError("page", Texts.both("people.page")));
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add(new FieldError("size", Texts.both("people.size", MAX_PAGE_SIZE)));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return people.search(q, asked, page, size);
  }

  @PostMapping("/api/people/{id}/invitation")
  @Operation(summary = "Gửi lại thư mời với liên kết mới; các liên kết cũ hết hiệu lực (quản trị DWC) /"
      + " Send a fresh invitation link; the older links stop working (DWC administrators)")
  @ApiResponse(responseCode = "202", description = "Thư mời mới đang gửi / A fresh invitation is on its way",
      useReturnTypeSchema = true)
  ResponseEntity<PersonRegistration.Invitation> invite(@PathVariable String id, Authentication user) {
    requireAdministrator(user);
    return ResponseEntity.accepted().body(registration.reinvite(id, user.getName()));
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
