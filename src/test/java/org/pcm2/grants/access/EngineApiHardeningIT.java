package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine APIs on PostgreSQL, through HTTP: engine-rest needs a signed-in person; only
 * a task's own people complete it; DWC reads every task through its role and works its own;
 * expressions inside orQueries are refused; the Admin
 * webapp's first-user setup stays closed and the last administrator stays.
 */
class EngineApiHardeningIT extends PostgresIntegrationTest {

  private static final String EXPRESSION_IN_OR = "{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}";

  @LocalServerPort
  private int port;
  @Autowired
  private IdentityService identity;
  @Autowired
  private TaskService tasks;
  @Autowired
  private AuthorizationService authorizations;

  @Test
  void engineRestNeedsASignedInPerson() {
    assertThat(new ApiClient(base(), null, null).get("/engine-rest/task").statusCode()).isEqualTo(401);
    // (a wrong password counts against this address for officer2, who is not used elsewhere here)
    assertThat(new ApiClient(base(), "officer2", "wrong").get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(new ApiClient(base(), "nobody", "demo").get("/engine-rest/process-definition").statusCode())
        .isEqualTo(401);
    assertThat(engine("officer1").get("/engine-rest/process-definition").statusCode()).isEqualTo(200);
  }

  @Test
  void onlyTheTasksOwnPeopleCompleteIt() {
    String code = submit("CBG0574003");
    String review = taskId(code, "UserTask_ReviewProposal");

    // a leader of another commune, the facilitator, an administrator: refused, even knowing the id
    for (String outsider : new String[] {"leader3", "facilitator1", "admin", "officer1"}) {
      HttpResponse<String> refused = engine(outsider).postJson("/engine-rest/task/" + review + "/complete",
          "{\"variables\":{\"reviewDecision\":{\"value\":\"ENDORSE\"}}}");
      assertThat(refused.statusCode()).as(outsider + ": " + refused.body()).isEqualTo(403);
    }
    assertThat(tasks.createTaskQuery().taskId(review).count()).isEqualTo(1);
    assertThat(engine("leader1").postJson("/engine-rest/task/" + review + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"ENDORSE\"}}}").statusCode()).isEqualTo(204);

    String appraisal = taskId(code, "UserTask_AppraiseProposal");
    HttpResponse<String> facilitator = engine("facilitator1").postJson("/engine-rest/task/" + appraisal + "/complete",
        "{\"variables\":{\"appraisalDecision\":{\"value\":\"APPROVE\"},\"approvedGrant\":{\"value\":15000000,"
            + "\"type\":\"Long\"}}}");
    assertThat(facilitator.statusCode()).isEqualTo(403);
    // through the Tasklist's own API too, and through the project's API
    WebappSession session = WebappSession.login(base(), "facilitator1", "demo");
    assertThat(session.post("/task/" + appraisal + "/submit-form", Map.of("variables",
        WebappSession.typed(Map.of("appraisalDecision", "APPROVE", "approvedGrant", 15_000_000L)))).statusCode())
        .isEqualTo(403);
    assertThat(tasks.createTaskQuery().taskId(appraisal).count()).isEqualTo(1);
    assertThat(engine("officer1").postJson("/engine-rest/task/" + appraisal + "/complete",
        "{\"variables\":{\"appraisalDecision\":{\"value\":\"APPROVE\"},\"approvedGrant\":{\"value\":15000000,"
            + "\"type\":\"Long\"}}}").statusCode()).isEqualTo(204);
  }

  @Test
  void dwcReadsEveryTaskThroughItsRoleAndGetsFromEachTaskOnlyTheRightToWorkIt() {
    String code = submit("CBG0574305"); // commune 05743, led by leader3
    String review = taskId(code, "UserTask_ReviewProposal");
    // the commune's leaders read and work their task through its own authorization
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(review)
        .groupIdIn("commune05743").singleResult().isPermissionGranted(Permissions.READ)).isTrue();
    // an officer sees it (DWC reads every task) but may not take it
    assertThat(engine("officer1").get("/engine-rest/task?processInstanceBusinessKey=" + code).body())
        .contains(review);
    assertThat(engine("officer1").postJson("/engine-rest/task/" + review + "/claim", "{\"userId\":\"officer1\"}")
        .statusCode()).isEqualTo(403);
    assertThat(engine("leader3").postJson("/engine-rest/task/" + review + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"ENDORSE\"}}}").statusCode()).isEqualTo(204);

    // the appraisal gives the officers the right to work it, not a second right to read it (that
    // per-task read right is what made their queue slow at national scale)
    String appraisal = taskId(code, "UserTask_AppraiseProposal");
    var officers = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(appraisal)
        .groupIdIn(IdentityGroups.DWC_OFFICERS).singleResult();
    assertThat(officers.isPermissionGranted(Permissions.READ)).isFalse();
    assertThat(officers.isPermissionGranted(Permissions.UPDATE) || officers.isPermissionGranted(
        TaskPermissions.TASK_WORK)).isTrue();
    assertThat(engine("officer1").get("/engine-rest/task?candidateGroup=" + IdentityGroups.DWC_OFFICERS
        + "&processInstanceBusinessKey=" + code).body()).contains(appraisal);
    assertThat(engine("facilitator1").get("/engine-rest/task?processInstanceBusinessKey=" + code).body())
        .doesNotContain(appraisal);
    assertThat(engine("officer1").postJson("/engine-rest/task/" + appraisal + "/claim", "{\"userId\":\"officer1\"}")
        .statusCode()).isEqualTo(204);
    assertThat(engine("officer1").postJson("/engine-rest/task/" + appraisal + "/complete",
        "{\"variables\":{\"appraisalDecision\":{\"value\":\"APPROVE\"},\"approvedGrant\":{\"value\":15000000,"
            + "\"type\":\"Long\"}}}").statusCode()).isEqualTo(204);
  }

  @Test
  void expressionsInsideOrQueriesAreRefused() {
    HttpResponse<String> rest = engine("leader1").postJson("/engine-rest/task", EXPRESSION_IN_OR);
    assertThat(rest.statusCode()).as(rest.body()).isEqualTo(400);
    assertThat(rest.body()).contains("expressions are not allowed");
    assertThat(engine("leader1").postJson("/engine-rest/task/count",
        "{\"orQueries\":[{\"dueDateExpression\":\"${now()}\"}]}").statusCode()).isEqualTo(400);
    assertThat(engine("officer1").postJson("/engine-rest/filter/create", "{\"resourceType\":\"Task\",\"name\":\"x\","
        + "\"query\":{\"orQueries\":[{\"candidateGroupExpression\":\"${currentUserGroups()}\"}]}}").statusCode())
        .isEqualTo(403); // nobody but the application saves filters; AttackMatrixIT: one who may, not with this
    WebappSession session = WebappSession.login(base(), "leader1", "demo");
    assertThat(session.post("/task", Map.of("orQueries", new Object[] {Map.of("assigneeExpression",
        "${currentUser()}")})).statusCode()).isEqualTo(400);
    // the same query without an expression is answered
    assertThat(engine("leader1").postJson("/engine-rest/task", "{\"orQueries\":[{\"assignee\":\"leader1\"}]}")
        .statusCode()).isEqualTo(200);
  }

  @Test
  void firstUserSetupStaysClosedAndTheLastAdministratorStays() {
    String newAdmin = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@x.org\"},"
        + "\"credentials\":{\"password\":\"Intruder-2026!\"}}";
    ApiClient anonymous = new ApiClient(base(), null, null);
    assertThat(anonymous.postJson("/camunda/api/admin/setup/default/user/create", newAdmin).statusCode())
        .isEqualTo(403);

    // the only direct administrator can neither leave the group nor be deleted
    assertThat(engine("admin").delete("/engine-rest/group/camunda-admin/members/admin").statusCode()).isEqualTo(409);
    assertThat(engine("admin").delete("/engine-rest/user/admin").statusCode()).isEqualTo(409);
    assertThat(engine("admin").delete("/engine-rest/group/camunda-admin").statusCode()).isEqualTo(409);
    assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isEqualTo(1);

    // and were the group emptied some other way, the setup would still refuse strangers
    identity.deleteMembership("admin", "camunda-admin");
    try {
      HttpResponse<String> setup = anonymous.postJson("/camunda/api/admin/setup/default/user/create", newAdmin);
      assertThat(setup.statusCode()).as(setup.body()).isEqualTo(403);
      assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    } finally {
      identity.createMembership("admin", "camunda-admin");
    }
  }

  @Test
  void theLastAdministratorStaysWhateverSpellingOfThePathIsSent() {
    // Jersey routes these to the same user and group as the plain paths
    assertThat(engine("admin").delete("/engine-rest/user/admin;x=1").statusCode()).isEqualTo(409);
    assertThat(engine("admin").delete("/engine-rest/group/camunda%2Dadmin").statusCode()).isEqualTo(409);
    assertThat(engine("admin").delete("/engine-rest/group/camunda-admin/members/admin;v=2").statusCode())
        .isEqualTo(409);
    assertThat(identity.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count()).isEqualTo(1);
    assertThat(identity.createGroupQuery().groupId("camunda-admin").count()).isEqualTo(1);
  }

  @Test
  void responsesCarrySecurityHeaders() {
    HttpResponse<String> rest = engine("officer1").get("/engine-rest/process-definition");
    assertThat(rest.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(rest.headers().firstValue("Content-Security-Policy"))
        .contains("default-src 'none'; frame-ancestors 'none'");
    HttpResponse<String> api = engine("officer1").get("/api/cycles");
    assertThat(api.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(api.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'");
    HttpResponse<String> tasklist = new ApiClient(base(), null, null).get("/camunda/app/tasklist/default/");
    assertThat(tasklist.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src");
    assertThat(tasklist.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    // plain HTTP here: no HSTS, and no Secure cookies (pcm.https=false outside prod)
    assertThat(rest.headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(tasklist.headers().allValues("Set-Cookie")).allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
  }

  private String submit(String group) {
    HttpResponse<String> response = new ApiClient(base(), "facilitator1", "demo").submitProposal(
        toJson(Proposals.valid(group, "Đường điện xóm " + group)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return WebappSession.parse(response.body()).get("code").asText();
  }

  private String taskId(String code, String taskKey) {
    JsonNode open = WebappSession.parse(new ApiClient(base(), "officer1", "demo").get("/api/subprojects/" + code)
        .body()).get("openTasks");
    for (JsonNode task : open) {
      if (taskKey.equals(task.get("taskKey").asText())) {
        return task.get("id").asText();
      }
    }
    throw new AssertionError("no open " + taskKey + " in " + open);
  }

  private static String toJson(Map<String, Object> values) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ApiClient engine(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
