package org.pcm2.grants.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupKind;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.TasklistBrowser;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DWC's teams: an administrator makes a team responsible for provinces; a sub-project's DWC
 * steps then go to that team's people, and nobody outside the team works them through any
 * door; a province without a team, or a team without anyone of the step's role, leaves the
 * step with everyone of the role.
 */
class DwcTeamsIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NORTH = "{\"name\":\"Nhóm phía Bắc\",\"provinces\":[\"19\"]}";
  private static final String APPROVE = "{\"appraisalDecision\":\"APPROVE\",\"approvedGrant\":15000000}";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private IdentityService identity;
  @Autowired
  private TaskService tasks;
  @Autowired
  private DirectoryService directory;

  /** Groups of this test's own, so that no other test's open proposal stands in the way. */
  @BeforeEach
  void groupsOfItsOwn() {
    // one group a proposal in Hoàng Nông (commune 05740, province 19), by facilitator1, in two hamlets
    for (int n = 1; n <= 9; n++) {
      boolean dongDinh = n % 2 == 1;
      directory.saveGroup(new CommunityGroup("CBG057409" + n, GroupKind.CBG, "Nhóm thử xóm "
          + (dongDinh ? "Đồng Đình" : "Làng Chùa") + " " + n, dongDinh ? "0574006" : "0574007", null, "facilitator1"));
    }
    directory.saveGroup(new CommunityGroup("CBG1912091", GroupKind.CBG, "Nhóm thử bản Hang Chuồn", "1912001", null,
        "facilitator4"));
  }

  @AfterEach
  void noTeamLeft() {
    for (Group group : identity.createGroupQuery().groupType("DWC_TEAM").list()) {
      identity.createUserQuery().memberOfGroup(group.getId()).list()
          .forEach(user -> identity.deleteMembership(user.getId(), group.getId()));
      identity.deleteGroup(group.getId());
    }
    jdbc.update("DELETE FROM dwc_team_province");
    jdbc.update("DELETE FROM dwc_team");
  }

  @Test
  void onlyAnAdministratorSetsATeamAndBadInputNamesItsField() throws Exception {
    for (String user : List.of("officer1", "director1", "finance1", "facilitator1", "leader1")) {
      HttpResponse<String> refused = as(user).putJson("/api/teams/north", NORTH);
      assertThat(refused.statusCode()).as(user).isEqualTo(404);
      assertThat(refused.body()).contains("Chỉ quản trị hệ thống DWC");
    }
    ApiClient admin = as("admin");
    assertThat(fields(admin.putJson("/api/teams/north", "{}"))).containsExactly("name", "provinces");
    assertThat(fields(admin.putJson("/api/teams/North-1", NORTH))).containsExactly("code");
    HttpResponse<String> commune = admin.putJson("/api/teams/north", NORTH.replace("\"19\"", "\"05740\""));
    assertThat(fields(commune)).containsExactly("provinces");
    assertThat(commune.body()).contains("'05740' không phải mã tỉnh");
    assertThat(fields(admin.putJson("/api/teams/north", NORTH.replace("\"19\"", "\"19\",null")))).containsExactly(
        "provinces");
    // a group of the team's ids made otherwise is not taken over
    Group handMade = identity.newGroup("dwcFinanceTaken");
    handMade.setName("Nhóm tự lập");
    handMade.setType("WORKFLOW");
    identity.saveGroup(handMade);
    try {
      HttpResponse<String> taken = admin.putJson("/api/teams/taken", NORTH);
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
      assertThat(taken.body()).contains("đã có nhóm dwcFinanceTaken");
      assertThat(identity.createGroupQuery().groupId("dwcFinanceTaken").singleResult().getType()).isEqualTo("WORKFLOW");
    } finally {
      identity.deleteGroup("dwcFinanceTaken");
    }
    // a name its groups could not carry twice in Camunda's group name (255 characters)
    assertThat(fields(admin.putJson("/api/teams/north", NORTH.replace("Nhóm phía Bắc", "Đ".repeat(81)))))
        .containsExactly("name");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dwc_team", Long.class)).isZero();
    assertThat(identity.createGroupQuery().groupType("DWC_TEAM").count()).isZero();
    HttpResponse<String> longest = admin.putJson("/api/teams/longest", NORTH.replace("Nhóm phía Bắc", "Đ".repeat(80))
        .replace("\"19\"", ""));
    assertThat(longest.statusCode()).as(longest.body()).isEqualTo(200);
    assertThat(identity.createGroupQuery().groupId("dwcOfficersLongest").singleResult().getName()).contains(
        "Đ".repeat(80));
    noTeamLeft();

    HttpResponse<String> saved = admin.putJson("/api/teams/north", NORTH);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(identity.createGroupQuery().groupType("DWC_TEAM").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("dwcOfficersNorth", "dwcFinanceNorth", "dwcDirectorsNorth");
    assertThat(identity.createGroupQuery().groupId("dwcOfficersNorth").singleResult().getName())
        .isEqualTo("Cán bộ chương trình DWC, nhóm Nhóm phía Bắc (DWC programme officers, team Nhóm phía Bắc)");

    // a province moves from the team that held it
    assertThat(admin.putJson("/api/teams/south", NORTH.replace("phía Bắc", "phía Nam")).statusCode()).isEqualTo(200);
    JsonNode teams = JSON.readTree(as("director1").get("/api/teams").body());
    assertThat(teams.findValuesAsText("code")).containsExactly("north", "south");
    assertThat(teams.get(0).get("provinces")).isEmpty();
    assertThat(teams.get(1).get("provinces").get(0).asText()).isEqualTo("19");
    assertThat(as("facilitator1").get("/api/teams").statusCode()).isEqualTo(404);
  }

  @Test
  void aProvincesDwcStepsGoToItsTeamAndNobodyElseWorksThemThroughAnyDoor() throws Exception {
    assertThat(as("admin").putJson("/api/teams/north", NORTH).statusCode()).isEqualTo(200);

    // the team has no officer yet: the appraisal is not left waiting for nobody
    String early = endorsed("CBG0574091", "leader1", "Mương nội đồng xóm Đồng Đình");
    assertThat(candidates(early)).containsExactly("dwcOfficers");

    identity.createMembership("officer2", "dwcOfficersNorth");
    String code = endorsed("CBG0574092", "leader1", "Nhà văn hoá xóm Làng Chùa");
    String appraisal = appraisalOf(code);
    assertThat(candidates(code)).containsExactly("dwcOfficersNorth");
    // a sub-project of a province no team holds stays with all of DWC's officers
    assertThat(candidates(endorsed("CBG1912091", "leader4", "Đường bản Hang Chuồn"))).containsExactly("dwcOfficers");

    // officer1 is a DWC officer but not of the team: refused at every door, the step stays open
    refusedAtEveryDoor("officer1", List.of("dwcOfficers"), code, appraisal);
    assertThat(tasks.createTaskQuery().taskId(appraisal).count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT stage FROM subproject WHERE code = ?", String.class, code))
        .isEqualTo("IN_APPRAISAL");

    // the team's officer sees it in their Tasklist queue, the other officer does not
    assertThat(queue("officer2")).contains(appraisal);
    assertThat(queue("officer1")).doesNotContain(appraisal).contains(appraisalOf(early));

    // claimed by the team's officer who then leaves the team: it goes back to the team
    claimedBy("officer2", appraisal);
    identity.deleteMembership("officer2", "dwcOfficersNorth");
    assertThat(tasks.createTaskQuery().taskId(appraisal).singleResult().getAssignee()).isNull();
    identity.createMembership("officer2", "dwcOfficersNorth");

    appraisedBy("officer2", code);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult().getTaskDefinitionKey())
        .isEqualTo(Element.RECORD_DISBURSEMENT_TASK);
    // the team has nobody in finance: the payment goes to all of DWC's finance
    assertThat(candidates(code)).containsExactly("dwcFinance");
  }

  @Test
  void aTeamsGroupCountsOnlyForThoseWhoHoldItsRole() throws Exception {
    assertThat(as("admin").putJson("/api/teams/north", NORTH).statusCode()).isEqualTo(200);
    // put in the officers' team group by mistake: finance1 is not a DWC officer
    identity.createMembership("finance1", "dwcOfficersNorth");
    String unstaffed = endorsed("CBG0574093", "leader1", "Mương nội đồng xóm Đồng Đình 2");
    assertThat(candidates(unstaffed)).containsExactly("dwcOfficers");

    identity.createMembership("officer2", "dwcOfficersNorth");
    String code = endorsed("CBG0574094", "leader1", "Nhà văn hoá xóm Làng Chùa 2");
    assertThat(candidates(code)).containsExactly("dwcOfficersNorth");
    String appraisal = appraisalOf(code);
    refusedAtEveryDoor("finance1", List.of("dwcFinance", "dwcOfficersNorth"), code, appraisal);
    assertThat(tasks.createTaskQuery().taskId(appraisal).count()).isEqualTo(1);
    // nor is the step claimed for them, by themselves or by the team's officer, through any door (nobody
    // here may assign or delegate a step: the engine refuses those to all)
    String forFinance1 = "{\"userId\":\"finance1\"}";
    List<HttpResponse<String>> claims = List.of(
        as("finance1").postJson("/engine-rest/task/" + appraisal + "/claim", forFinance1),
        WebappSession.login(base(), "finance1", "demo").send("POST", "/task/" + appraisal + "/claim",
            "application/json", forFinance1),
        as("officer2").postJson("/engine-rest/task/" + appraisal + "/claim", forFinance1));
    for (HttpResponse<String> refused : claims) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("chỉ giao hoặc nhận một bước cho người được làm bước đó");
    }
    identity.setAuthentication("finance1", List.of("dwcFinance", "dwcOfficersNorth"));
    try {
      assertThatThrownBy(() -> tasks.claim(appraisal, "finance1")).isInstanceOf(ProcessEngineException.class)
          .hasMessageContaining("chỉ giao hoặc nhận một bước cho người được làm bước đó");
    } finally {
      identity.clearAuthentication();
    }
    // in the Tasklist, where finance1 sees the step among their groups' work, the refusal is read
    TasklistBrowser.requireInstalled();
    try (TasklistBrowser tasklist = new TasklistBrowser(base()).login("finance1")) {
      tasklist.openFilterShowing("Việc chờ nhóm của tôi", code);
      tasklist.openTaskAsItIs("DWC thẩm định đề xuất", code);
      tasklist.press("Nhận việc");
      tasklist.waitForText("chỉ giao hoặc nhận một bước cho người được làm bước đó");
      assertThat(tasklist.text()).as("the refusal's own words, not the engine's wrapping").doesNotContain("ENGINE-");
      tasklist.screenshot("dwc-team-claim-refused");
    }
    assertThat(tasks.createTaskQuery().taskId(appraisal).singleResult().getAssignee()).isNull();
    // the team's officer claims it for themselves
    claimedBy("officer2", appraisal);
    appraisedBy("officer2", code);
  }

  @Test
  void aTeamLeftWithNobodyOfARoleOffersItsWaitingStepsToEveryoneOfTheRole() throws Exception {
    northWithOfficer2();
    String leaving = endorsed("CBG0574095", "leader1", "Mương nội đồng xóm Đồng Đình 3");
    String second = endorsed("CBG0574096", "leader1", "Nhà văn hoá xóm Làng Chùa 3");
    assertThat(candidates(leaving)).containsExactly("dwcOfficersNorth");
    assertThat(toldOf(appraisalOf(leaving))).containsExactly("officer2");
    Object toldFirst = whenTold(appraisalOf(leaving), "officer2");

    // the team's only officer leaves it (Camunda Admin calls engine-rest's membership delete)
    identity.deleteMembership("officer2", "dwcOfficersNorth");
    assertThat(candidates(leaving)).containsExactlyInAnyOrder("dwcOfficersNorth", "dwcOfficers");
    assertThat(candidates(second)).containsExactlyInAnyOrder("dwcOfficersNorth", "dwcOfficers");
    assertThat(queue("officer1")).contains(appraisalOf(leaving), appraisalOf(second));
    // everyone of the role is told once, as when a step is created; officer2 is not told again
    for (String step : List.of(appraisalOf(leaving), appraisalOf(second))) {
      assertThat(toldOf(step)).contains("officer1", "officer2");
    }
    assertThat(whenTold(appraisalOf(leaving), "officer2")).isEqualTo(toldFirst);
    appraisedBy("officer1", leaving);
  }

  @Test
  void aTeamsGroupDeletedInCamundaAdminLeavesItsStepsWithEveryoneOfTheRole() throws Exception {
    northWithOfficer2();
    String code = endorsed("CBG0574097", "leader1", "Mương nội đồng xóm Đồng Đình 4");
    assertThat(candidates(code)).containsExactly("dwcOfficersNorth");

    // officer2 holds the step: when the team's group goes, it is offered to all officers, but
    // nobody is told it waits for them, as it does not
    claimedBy("officer2", appraisalOf(code));

    HttpResponse<String> deleted = as("admin").delete("/engine-rest/group/dwcOfficersNorth");
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    assertThat(candidates(code)).contains("dwcOfficers");
    assertThat(toldOf(appraisalOf(code))).containsExactly("officer2");
    appraisedBy("officer2", code);
  }

  @Test
  void whoeverLeavesADwcRoleGivesBackTheTeamsStepsTheyHeld() throws Exception {
    northWithOfficer2();
    String code = endorsed("CBG0574099", "leader1", "Mương nội đồng xóm Đồng Đình 5");
    String appraisal = appraisalOf(code);
    claimedBy("officer2", appraisal);

    // officer2 moves to another post: no longer a DWC officer, still in the team's group
    identity.deleteMembership("officer2", "dwcOfficers");
    try {
      assertThat(tasks.createTaskQuery().taskId(appraisal).singleResult().getAssignee()).isNull();
      assertThat(candidates(code)).containsExactlyInAnyOrder("dwcOfficersNorth", "dwcOfficers");
      assertThat(toldOf(appraisal)).contains("officer1");
      appraisedBy("officer1", code);
    } finally {
      identity.createMembership("officer2", "dwcOfficers");
    }
  }

  @Test
  void anAdministratorRemovesATeamAndItsWaitingStepsGoToEveryoneOfTheRole() throws Exception {
    northWithOfficer2();
    String code = endorsed("CBG0574098", "leader1", "Nhà văn hoá xóm Làng Chùa 4");
    assertThat(candidates(code)).containsExactly("dwcOfficersNorth");

    for (String user : List.of("officer1", "officer2", "director1", "finance1", "facilitator1", "leader1")) {
      HttpResponse<String> refused = as(user).delete("/api/teams/north");
      assertThat(refused.statusCode()).as(user).isEqualTo(404);
      assertThat(refused.body()).contains("Chỉ quản trị hệ thống DWC");
    }
    HttpResponse<String> unknown = as("admin").delete("/api/teams/south");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("không có nhóm DWC mã 'south'").contains("there is no DWC team 'south'");
    assertThat(identity.createGroupQuery().groupId("dwcOfficersNorth").count()).isEqualTo(1);

    HttpResponse<String> removed = as("admin").delete("/api/teams/north");
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
    assertThat(JSON.readTree(as("admin").get("/api/teams").body()).findValuesAsText("code")).doesNotContain("north");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dwc_team_province WHERE province_code = '19'", Long.class))
        .isZero();
    assertThat(identity.createGroupQuery().groupIdIn("dwcOfficersNorth", "dwcFinanceNorth", "dwcDirectorsNorth")
        .count()).isZero();
    assertThat(candidates(code)).contains("dwcOfficers");
    assertThat(toldOf(appraisalOf(code))).contains("officer1", "officer2");
    assertThat(as("admin").delete("/api/teams/north").statusCode()).isEqualTo(404);
    appraisedBy("officer1", code);
  }

  @Test
  void twoAdministratorsSavingTeamsAtOnceGetAnAnswerEachAndNeverAServerError() throws Exception {
    for (int round = 0; round < 8; round++) {
      String path = "/api/teams/race" + round;
      String body = NORTH.replace("phía Bắc", "đua " + round);
      java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          answers.add(both.submit(() -> {
            start.await();
            return as("admin").putJson(path, body);
          }));
        }
        start.countDown();
        for (java.util.concurrent.Future<HttpResponse<String>> answer : answers) {
          HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
          assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
          if (response.statusCode() == 409) {
            assertThat(response.body()).contains("vừa được người khác thay đổi");
          }
        }
      } finally {
        both.shutdownNow();
      }
      // whoever won, the province has one team and the team its three groups
      assertThat(jdbc.queryForObject("SELECT team_code FROM dwc_team_province WHERE province_code = '19'",
          String.class)).isEqualTo("race" + round);
      assertThat(identity.createGroupQuery().groupIdIn("dwcOfficersRace" + round, "dwcFinanceRace" + round,
          "dwcDirectorsRace" + round).count()).isEqualTo(3);
    }
  }

  /** Who has a mail in the outbox telling them the step waits for them. */
  private List<String> toldOf(String step) {
    return jdbc.queryForList("SELECT recipient_user FROM mail_outbox WHERE dedupe_key LIKE ? AND kind = 'TASK_CREATED'",
        String.class, "task:" + step + ":%");
  }

  /** The team north, with officer2 its only officer. */
  private void northWithOfficer2() throws Exception {
    assertThat(as("admin").putJson("/api/teams/north", NORTH).statusCode()).isEqualTo(200);
    identity.createMembership("officer2", "dwcOfficersNorth");
  }

  /** The person claims the step for themselves through engine-rest, as the Tasklist does. */
  private void claimedBy(String user, String step) throws Exception {
    HttpResponse<String> claimed = as(user).postJson("/engine-rest/task/" + step + "/claim",
        "{\"userId\":\"" + user + "\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
  }

  /** When the person's mail telling them of the step was written. */
  private Object whenTold(String step, String user) {
    return jdbc.queryForObject("SELECT created_at FROM mail_outbox WHERE dedupe_key = ?", Object.class,
        "task:" + step + ":" + user);
  }

  /** Appraised (approved) through the project's API by the person. */
  private void appraisedBy(String user, String code) throws Exception {
    HttpResponse<String> done = as(user).postJson("/api/subprojects/" + code + "/tasks/"
        + Element.APPRAISE_PROPOSAL, APPROVE);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }

  /** The person cannot appraise: not through the API, engine-rest, the Tasklist's engine API or the Java API. */
  private void refusedAtEveryDoor(String user, List<String> groups, String code, String appraisal)
      throws Exception {
    String typed = JSON.writeValueAsString(Map.of("variables", WebappSession.typed(Map.of(
        Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 15_000_000L))));
    List<HttpResponse<String>> refusals = List.of(
        as(user).postJson("/api/subprojects/" + code + "/tasks/" + Element.APPRAISE_PROPOSAL, APPROVE),
        as(user).postJson("/engine-rest/task/" + appraisal + "/complete", typed),
        as(user).postJson("/engine-rest/task/" + appraisal + "/submit-form", typed),
        WebappSession.login(base(), user, "demo").send("POST", "/task/" + appraisal + "/submit-form",
            "application/json", typed));
    // the API does not show a step that is not the person's (404); the engine's doors refuse it (403), by
    // the engine's own rights or by the application's guard in its own words, never wrapped as an error
    assertThat(refusals.get(0).statusCode()).as(refusals.get(0).body()).isIn(403, 404);
    for (HttpResponse<String> refused : refusals.subList(1, refusals.size())) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).doesNotContain("ENGINE-");
    }
    identity.setAuthentication(user, groups);
    try {
      assertThatThrownBy(() -> tasks.complete(appraisal, Map.of(Var.APPRAISAL_DECISION, "APPROVE",
          Var.APPROVED_GRANT, 15_000_000L))).isInstanceOf(ProcessEngineException.class);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** A proposal of the group, submitted by its facilitator and endorsed by its commune's leader. */
  private String endorsed(String group, String leader, String title) throws Exception {
    String facilitator = group.startsWith("CBG05740") ? "facilitator1" : "facilitator4";
    HttpResponse<String> submitted = as(facilitator).submitProposal(JSON.writeValueAsString(
        Proposals.valid(group, title)));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String code = JSON.readTree(submitted.body()).get("code").asText();
    String[] review = GrantCycleSteps.STEPS[0];
    HttpResponse<String> endorsed = as(leader).postJson("/api/subprojects/" + code + "/tasks/" + review[1],
        GrantCycleSteps.body(as(leader), code, review));
    assertThat(endorsed.statusCode()).as(endorsed.body()).isEqualTo(204);
    return code;
  }

  private String appraisalOf(String code) {
    return tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(Element.APPRAISE_PROPOSAL)
        .singleResult().getId();
  }

  /** The candidate groups of the sub-project's open step. */
  private List<String> candidates(String code) {
    String task = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId();
    return tasks.getIdentityLinksForTask(task).stream().filter(link -> link.getGroupId() != null)
        .map(link -> link.getGroupId()).toList();
  }

  /** The ids in the person's shared "my groups' tasks" filter, as the Tasklist lists it. */
  private List<String> queue(String user) throws Exception {
    WebappSession tasklist = WebappSession.login(base(), user, "demo");
    String filter = null;
    for (JsonNode candidate : tasklist.get("/filter?resourceType=Task")) {
      if (candidate.get("name").asText().startsWith("Việc chờ nhóm của tôi")) {
        filter = candidate.get("id").asText();
      }
    }
    assertThat(filter).as("the shared filter of my groups' tasks").isNotNull();
    JsonNode page = WebappSession.parse(tasklist.post("/filter/" + filter + "/list?firstResult=0&maxResults=200",
        Map.of()).body());
    List<String> ids = new ArrayList<>();
    page.forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  private ApiClient as(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private static List<String> fields(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    JSON.readTree(response.body()).get("errors").forEach(error -> fields.add(error.get("field").asText()));
    return fields;
  }
}
