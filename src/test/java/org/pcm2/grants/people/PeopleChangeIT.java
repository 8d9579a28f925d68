package org.pcm2.grants.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People change mid-cycle. A facilitator leaves: DWC hands the group to another, who
 * carries the sub-project on through every door while the one who left keeps nothing of
 * it. A commune leader leaves or joins: the commune's open steps follow at once.
 */
class PeopleChangeIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "CBG0574005";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private TaskService taskService;
  @Autowired
  private IdentityService identityService;

  private ApiClient as(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }

  @Test
  void theNewFacilitatorCarriesTheSubprojectOnAndTheOldOneKeepsNothing() throws Exception {
    assertThat(jdbc.sql("SELECT facilitator_id FROM community_group WHERE code = ?").param(GROUP).query(String.class)
        .single()).isEqualTo("facilitator1");
    HttpResponse<String> created = as("facilitator1").submitProposal(
        JSON.writeValueAsString(Proposals.valid(GROUP, "Đường bê tông xóm")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    String instance = jdbc.sql("SELECT process_instance_id FROM subproject WHERE code = ?").param(code)
        .query(String.class).single();
    // to the first tranche: the receipt waits for the facilitator
    for (String[] step : List.of(GrantCycleSteps.STEPS).subList(0, 3)) {
      HttpResponse<String> done = as(GrantCycleSteps.user(step, "leader1")).postJson("/api/subprojects/" + code
          + "/tasks/" + step[1], step[2]);
      assertThat(done.statusCode()).as(step[1] + ": " + done.body()).isEqualTo(204);
    }
    String receipt = taskId(instance, "UserTask_ConfirmReceipt");
    assertThat(assignee(receipt)).isEqualTo("facilitator1");

    String path = "/api/groups/" + GROUP + "/facilitator";
    String toFacilitator3 = "{\"facilitatorId\":\"facilitator3\"}";
    // nobody but a DWC administrator hands a group over, not even the facilitators themselves
    for (String wrong : List.of("facilitator1", "facilitator3", "leader1", "officer1", "director1")) {
      HttpResponse<String> refused = as(wrong).putJson(path, toFacilitator3);
      assertThat(refused.statusCode()).as(wrong + ": " + refused.body()).isEqualTo(404);
    }
    assertThat(as("facilitator1").putJson(path, toFacilitator3).body()).contains("Chỉ quản trị hệ thống DWC");
    // nor around the API: the facilitatorId of the instance is not a variable a person sets
    assertThat(as("facilitator1").putJson("/engine-rest/process-instance/" + instance + "/variables/facilitatorId",
        "{\"value\":\"facilitator3\",\"type\":\"String\"}").statusCode()).isEqualTo(403);
    assertThat(as("facilitator3").putJson("/engine-rest/process-instance/" + instance + "/variables/facilitatorId",
        "{\"value\":\"facilitator3\",\"type\":\"String\"}").statusCode()).isIn(403, 404);
    // bad input names the field and changes nothing
    ApiClient admin = as("admin");
    HttpResponse<String> notFacilitator = admin.putJson(path, "{\"facilitatorId\":\"leader1\"}");
    assertThat(notFacilitator.statusCode()).isEqualTo(400);
    assertThat(notFacilitator.body()).contains("facilitatorId").contains("không phải cán bộ hỗ trợ");
    assertThat(admin.putJson(path, "{}").statusCode()).isEqualTo(400);
    assertThat(admin.putJson(path, "{\"facilitatorId\":\"facilitator1\"}").statusCode()).isEqualTo(400);
    assertThat(admin.putJson("/api/groups/CBG9999999/facilitator", toFacilitator3).statusCode()).isEqualTo(404);
    assertThat(assignee(receipt)).isEqualTo("facilitator1");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_change WHERE subject_code = ?").param(GROUP)
        .query(Long.class).single()).isZero();

    HttpResponse<String> handed = admin.putJson(path, toFacilitator3);
    assertThat(handed.statusCode()).as(handed.body()).isEqualTo(200);
    JsonNode moved = JSON.readTree(handed.body());
    assertThat(moved.get("from").asText()).isEqualTo("facilitator1");
    assertThat(moved.get("to").asText()).isEqualTo("facilitator3");
    assertThat(moved.get("subprojects").get(0).asText()).isEqualTo(code);
    assertThat(moved.get("tasks").asInt()).isEqualTo(1);

    // the directory, the open step, the instance and the read model name the new facilitator
    assertThat(jdbc.sql("SELECT facilitator_id FROM community_group WHERE code = ?").param(GROUP).query(String.class)
        .single()).isEqualTo("facilitator3");
    assertThat(assignee(receipt)).isEqualTo("facilitator3");
    assertThat(jdbc.sql("SELECT facilitator_id FROM subproject WHERE code = ?").param(code).query(String.class)
        .single()).isEqualTo("facilitator3");
    assertThat(jdbc.sql("SELECT text_ FROM act_ru_variable WHERE proc_inst_id_ = ? AND name_ = 'facilitatorId'")
        .param(instance).query(String.class).single()).isEqualTo("facilitator3");

    // the one who left: nothing through /api, engine-rest or the Tasklist's API
    ApiClient old = as("facilitator1");
    assertThat(old.get("/api/subprojects/" + code).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(old.get("/api/subprojects").body()).findValuesAsText("code")).doesNotContain(code);
    assertThat(ids(old.get("/engine-rest/task?processInstanceId=" + instance))).isEmpty();
    assertThat(ids(old.get("/engine-rest/process-instance?processInstanceIds=" + instance))).isEmpty();
    assertThat(ids(old.get("/engine-rest/history/process-instance?processInstanceId=" + instance))).isEmpty();
    assertThat(ids(old.get("/engine-rest/history/task?processInstanceId=" + instance))).isEmpty();
    assertThat(old.postJson("/api/subprojects/" + code + "/tasks/UserTask_ConfirmReceipt", step(3)).statusCode())
        .isEqualTo(404);
    assertThat(old.postJson("/engine-rest/task/" + receipt + "/complete", "{\"variables\":{\"receiptDate\":"
        + "{\"value\":\"2026-11-21\",\"type\":\"String\"}}}").statusCode()).isIn(403, 404);
    assertThat(assignee(receipt)).isEqualTo("facilitator3");

    // the new one sees it everywhere and carries it on; the next step is theirs too
    ApiClient now = as("facilitator3");
    assertThat(now.get("/api/subprojects/" + code).statusCode()).isEqualTo(200);
    assertThat(ids(now.get("/engine-rest/task?processInstanceId=" + instance))).containsExactly(receipt);
    assertThat(ids(now.get("/engine-rest/history/process-instance?processInstanceId=" + instance)))
        .containsExactly(instance);
    HttpResponse<String> confirmed = now.postJson("/api/subprojects/" + code + "/tasks/UserTask_ConfirmReceipt",
        step(3));
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
    assertThat(assignee(taskId(instance, "UserTask_SubmitCompletionReport"))).isEqualTo("facilitator3");

    // who did what before stays as it was; the change itself is logged
    assertThat(jdbc.sql("SELECT task_key || ' ' || actor FROM decision_log WHERE subproject_code = ? ORDER BY id")
        .param(code).query(String.class).list()).containsExactly("UserTask_ReviewProposal leader1",
        "UserTask_AppraiseProposal officer1", "UserTask_RecordDisbursement finance1",
        "UserTask_ConfirmReceipt facilitator3");
    Map<String, Object> change = jdbc.sql("SELECT changed_by, subject_kind, subject_code, field, before_value,"
        + " after_value, note FROM directory_change WHERE subject_code = ?").param(GROUP).query().singleRow();
    assertThat(change).containsEntry("changed_by", "admin").containsEntry("subject_kind", "GROUP")
        .containsEntry("subject_code", GROUP).containsEntry("field", "facilitatorId")
        .containsEntry("before_value", "facilitator1").containsEntry("after_value", "facilitator3")
        .containsEntry("note", code);
  }

  @Test
  void aLeaderWhoLeavesTheCommuneGivesBackTheClaimedStepAndOneWhoJoinsSeesItAtOnce() throws Exception {
    String code = submit("CBG0574006", "Giếng nước");
    String instance = instanceOf(code);
    String review = taskId(instance, "UserTask_ReviewProposal");
    ApiClient leader2 = as("leader2");
    assertThat(leader2.postJson("/engine-rest/task/" + review + "/claim", "{\"userId\":\"leader2\"}").statusCode())
        .isEqualTo(204);
    assertThat(assignee(review)).isEqualTo("leader2");
    assertThat(ids(as("leader4").get("/engine-rest/task?processInstanceId=" + instance))).isEmpty();

    // only an administrator changes who leads a commune
    assertThat(as("leader1").delete("/engine-rest/group/commune05740/members/leader2").statusCode()).isEqualTo(403);
    assertThat(as("officer1").send("PUT", "/engine-rest/group/commune05740/members/leader4", null).statusCode())
        .isEqualTo(403);
    assertThat(assignee(review)).isEqualTo("leader2");

    ApiClient admin = as("admin");
    assertThat(admin.delete("/engine-rest/group/commune05740/members/leader2").statusCode()).isEqualTo(204);
    assertThat(assignee(review)).as("back to the commune's leaders").isNull();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_ru_authorization WHERE user_id_ = 'leader2' AND resource_id_ = ?")
        .param(review).query(Long.class).single()).isZero();
    assertThat(ids(leader2.get("/engine-rest/task?processInstanceId=" + instance))).isEmpty();
    assertThat(leader2.get("/api/subprojects/" + code).statusCode()).isEqualTo(404);
    assertThat(leader2.postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal", step(0)).statusCode())
        .isEqualTo(404);

    // a leader who joins sees the open step at once, and may take it
    assertThat(admin.send("PUT", "/engine-rest/group/commune05740/members/leader4", null).statusCode())
        .isEqualTo(204);
    assertThat(ids(as("leader4").get("/engine-rest/task?processInstanceId=" + instance))).containsExactly(review);
    HttpResponse<String> endorsed = as("leader4").postJson("/api/subprojects/" + code
        + "/tasks/UserTask_ReviewProposal", step(0));
    assertThat(endorsed.statusCode()).as(endorsed.body()).isEqualTo(204);
    assertThat(jdbc.sql("SELECT actor FROM decision_log WHERE subproject_code = ?").param(code).query(String.class)
        .single()).isEqualTo("leader4");
  }

  @Test
  void aPersonDeletedThroughTheJavaApiGivesBackTheirClaimedSteps() throws Exception {
    String code = submit("CBG0574301", "Nhà văn hoá");
    String review = taskId(instanceOf(code), "UserTask_ReviewProposal");
    taskService.claim(review, "leader3");
    identityService.deleteUser("leader3");
    assertThat(assignee(review)).isNull();
    assertThat(taskService.createTaskQuery().taskId(review).taskCandidateGroup("commune05743").count()).isEqualTo(1);
  }

  @Test
  void aPersonWhoLeavesCannotSignInGivesBackClaimedStepsAndKeepsTheirHistory() throws Exception {
    String code = submit("CBG0574007", "Sân chơi");
    String instance = instanceOf(code);
    HttpResponse<String> endorsed = as("leader1").postJson("/api/subprojects/" + code
        + "/tasks/UserTask_ReviewProposal", step(0));
    assertThat(endorsed.statusCode()).as(endorsed.body()).isEqualTo(204);
    String appraisal = taskId(instance, "UserTask_AppraiseProposal");
    assertThat(as("officer2").postJson("/engine-rest/task/" + appraisal + "/claim", "{\"userId\":\"officer2\"}")
        .statusCode()).isEqualTo(204);

    // only an administrator, and never for a facilitator who still serves groups
    assertThat(as("officer1").send("POST", "/api/people/officer2/deactivate", null).statusCode()).isEqualTo(404);
    assertThat(as("officer2").send("POST", "/api/people/officer2/deactivate", null).statusCode()).isEqualTo(404);
    HttpResponse<String> serving = as("admin").send("POST", "/api/people/facilitator1/deactivate", null);
    assertThat(serving.statusCode()).isEqualTo(409);
    assertThat(serving.body()).contains("CBG0574001").contains("hãy giao các nhóm");
    assertThat(as("admin").send("POST", "/api/people/nobody7/deactivate", null).statusCode()).isEqualTo(404);
    assertThat(as("officer2").get("/api/subprojects/" + code).statusCode()).isEqualTo(200);

    HttpResponse<String> deactivated = as("admin").send("POST", "/api/people/officer2/deactivate", null);

    assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
    assertThat(JSON.readTree(deactivated.body()).get("stepsReturned").asInt()).isEqualTo(1);
    assertThat(assignee(appraisal)).as("back to DWC's officers").isNull();
    for (String path : List.of("/api/subprojects", "/engine-rest/task")) {
      assertThat(as("officer2").get(path).statusCode()).as(path).isEqualTo(401);
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_id_membership WHERE user_id_ = 'officer2'").query(Long.class)
        .single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_id_user WHERE id_ = 'officer2'").query(Long.class).single())
        .as("the account stays, for the history").isEqualTo(1);
    assertThat(ids(as("officer1").get("/engine-rest/task?processInstanceId=" + instance))).containsExactly(appraisal);
    assertThat(jdbc.sql("SELECT changed_by || ' ' || subject_code || ' ' || after_value FROM directory_change"
        + " WHERE subject_kind = 'PERSON'").query(String.class).list()).containsExactly("admin officer2 false");
  }

  private String submit(String group, String title) throws Exception {
    HttpResponse<String> created = as(jdbc.sql("SELECT facilitator_id FROM community_group WHERE code = ?")
        .param(group).query(String.class).single()).submitProposal(
        JSON.writeValueAsString(Proposals.valid(group, title)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("code").asText();
  }

  private String instanceOf(String code) {
    return jdbc.sql("SELECT process_instance_id FROM subproject WHERE code = ?").param(code).query(String.class)
        .single();
  }

  private static String step(int index) {
    return GrantCycleSteps.STEPS[index][2];
  }

  private String taskId(String instance, String key) {
    return jdbc.sql("SELECT id_ FROM act_ru_task WHERE proc_inst_id_ = ? AND task_def_key_ = ?").params(instance, key)
        .query(String.class).single();
  }

  private String assignee(String task) {
    List<String> assignees = jdbc.sql("SELECT assignee_ FROM act_ru_task WHERE id_ = ?").param(task)
        .query((row, i) -> row.getString(1)).list();
    assertThat(assignees).as("task %s open", task).hasSize(1);
    return assignees.get(0);
  }

  private static List<String> ids(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).findValuesAsText("id");
  }
}
