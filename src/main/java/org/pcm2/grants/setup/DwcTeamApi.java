package org.pcm2.grants.setup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.DwcTeam;
import org.pcm2.grants.directory.DwcTeams;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.system.ConflictException;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** DWC's teams and their provinces: DWC and administrators read them; administrators set and remove them. */
@RestController
@Tag(name = "teams", description = "Nhóm DWC theo tỉnh / DWC teams by province")
class DwcTeamApi {

  /** A team as an administrator sets it. */
  @Schema(description = "Nhóm DWC / A DWC team")
  record TeamRequest(@Schema(example = "Nhóm Đồng bằng", maxLength = NAME_MAX) String name,
      @Schema(description = "Mã các tỉnh nhóm phụ trách / Codes of the provinces the team is responsible for")
      List<String> provinces) {
  }

  private final DwcTeams teams;
  private final DirectoryService directory;
  private final IdentityService identity;

  DwcTeamApi(DwcTeams teams, DirectoryService directory, IdentityService identity) {
    this.teams = teams;
    this.directory = directory;
    this.identity = identity;
  }

  /**
   * A team's name, at most: its groups are named with it twice (Vietnamese and English) in
   * Camunda's group name, which holds 255 characters.
   */
  static final int NAME_MAX = 80;

  @GetMapping("/api/teams")
  @Operation(summary = "Các nhóm DWC, tỉnh phụ trách và người của nhóm (DWC, quản trị) /"
      + " DWC teams, their provinces and people (DWC, administrators)")
  List<DwcTeam> teams(Authentication user) {
    Viewer viewer = Viewer.of(user);
    if (!viewer.isDwc() && !viewer.isAdministrator()) {
      throw new NotFoundException(Texts.both("people.dwcOrAdministrators"));
    }
    return teams.all();
  }

  @DeleteMapping("/api/teams/{code}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Xoá một nhóm DWC (quản trị) / Remove a DWC team (administrators)",
      description = "Các tỉnh của nhóm trở về DWC chung. Ba nhóm người dùng của nhóm bị xoá; việc đang chờ nhóm được"
          + " giao cho mọi người có vai trò đó, và họ được báo qua thư. /"
          + " The team's provinces go back to DWC as a whole. Its three groups are deleted; the steps waiting for"
          + " the team are offered to everyone of their role, who are told by mail.")
  void delete(@PathVariable String code, Authentication user) {
    if (!Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("people.administratorsOnly"));
    }
    boolean deleted;
    try {
      deleted = teams.delete(code);
    } catch (ConcurrencyFailureException e) {
      throw new ConflictException(Texts.both("team.changedMeanwhile"));
    }
    if (!deleted) {
      throw new NotFoundException(Texts.both("team.unknown", code));
    }
  }

  @PutMapping(path = "/api/teams/{code}", consumes = "application/json")
  @Operation(summary = "Thêm hoặc sửa một nhóm DWC và các tỉnh nhóm phụ trách (quản trị) /"
      + " Add or change a DWC team and the provinces it is responsible for (administrators)",
      description = "Thẩm định, phê duyệt, báo cáo tiến độ, chi trả và quyết toán của tiểu dự án ở các tỉnh này đến"
          + " nhóm dwcOfficers<Mã>, dwcDirectors<Mã>, dwcFinance<Mã>; thêm người vào nhóm trong Camunda Admin."
          + " Tỉnh đang thuộc nhóm khác chuyển sang nhóm này. Việc đang chờ giữ nguyên người nhận. /"
          + " Appraisals, approvals, progress reports, payments and closures of sub-projects in these provinces go"
          + " to the groups dwcOfficers<Code>, dwcDirectors<Code>, dwcFinance<Code>; add people to them in Camunda"
          + " Admin. A province held by another team moves to this one. Steps already waiting keep their people.")
  DwcTeam save(@PathVariable String code, @RequestBody TeamRequest request, Authentication user) {
    if (!Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("people.administratorsOnly"));
    }
    List<FieldError> errors = new ArrayList<>();
    if (!code.matches("[a-z][a-z0-9]{0,19}")) {
      errors.add(new FieldError("code", Texts.both("team.code")));
    }
    if (request.name() == null || request.name().isBlank() || request.name().trim().length() > NAME_MAX) {
      errors.add(new FieldError("name", Texts.both("check.requiredAtMost", NAME_MAX)));
    }
    if (request.provinces() == null) {
      errors.add(new FieldError("provinces", Texts.both("check.required")));
    } else {
      for (String province : request.provinces()) {
        if (province == null || directory.findPlace(province).filter(p -> p.kind() == PlaceKind.PROVINCE).isEmpty()) {
          errors.add(new FieldError("provinces", Texts.both("team.notProvince", String.valueOf(province))));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    // a group of that id made otherwise (by hand in Camunda Admin) is not taken over with its members
    for (String role : IdentityGroups.DWC_ROLES) {
      Group taken = identity.createGroupQuery().groupId(IdentityGroups.dwcTeam(role, code)).singleResult();
      if (taken != null && !IdentityGroups.TYPE_TEAM.equals(taken.getType())) {
        throw new ConflictException(Texts.both("team.groupTaken", taken.getId()));
      }
    }
    try {
      return teams.save(code, request.name().trim(), request.provinces());
    } catch (DuplicateKeyException | ConcurrencyFailureException e) {
      // another change of the teams saved the same team or province first; nothing of this one was kept
      throw new ConflictException(Texts.both("team.changedMeanwhile"));
    }
  }
}
