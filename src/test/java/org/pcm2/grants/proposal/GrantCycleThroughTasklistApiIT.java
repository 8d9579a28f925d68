package org.pcm2.grants.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.TestFiles;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole grant cycle on PostgreSQL, each step done by the demo user of its role through
 * the API the Tasklist calls, with the real ledger, audit trail and notification outbox.
 */
class GrantCycleThroughTasklistApiIT extends PostgresIntegrationTest {

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  @Test
  void facilitatorLeaderOfficerFinanceRunACycleToClosure() {
    WebappSession facilitator = login("facilitator1");
    HttpResponse<String> started = facilitator.post("/process-definition/key/subprojectGrant/submit-form",
        Map.of("variables", WebappSession.typed(withMinutes(facilitator,
            Proposals.valid("CBG0574002", "Giếng nước sạch xóm Tân Lập")))));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instanceId = WebappSession.parse(started.body()).get("id").asText();
    String code = facilitator.get("/process-instance/" + instanceId).get("businessKey").asText();
    assertThat(code).matches("TDA-\\d{4}-05740-\\d{3}");
    assertThat(jdbc.sql("SELECT stage || ':' || commune_name || ':' || facilitator_id FROM subproject WHERE code = ?")
        .param(code).query(String.class).single()).isEqualTo("IN_REVIEW:Xã Hoàng Nông:facilitator1");

    complete("leader1", code, "UserTask_ReviewProposal", Map.of("reviewDecision", "ENDORSE",
        "reviewComment", "Xã Hoàng Nông nhất trí"));
    complete("officer1", code, "UserTask_AppraiseProposal", Map.of("appraisalDecision", "APPROVE",
        "approvedGrant", 15_000_000L, "appraisalComment", "Phù hợp mục tiêu của quỹ"));
    complete("finance1", code, "UserTask_RecordDisbursement", Map.of("paymentDate", "2027-01-05",
        "paymentReference", "UNC-2027-0005"));
    complete("facilitator1", code, "UserTask_ConfirmReceipt", Map.of("receiptDate", "2027-01-07"));
    HttpResponse<String> photo = facilitator.uploadFile("/files/subprojects/" + code + "/attachments", "PHOTO",
        "gieng.jpg", TestFiles.photo("2026:11:28 15:00:00", 21.62, 105.31), true);
    assertThat(photo.statusCode()).as(photo.body()).isEqualTo(201);
    complete("facilitator1", code, "UserTask_SubmitCompletionReport", Map.of("actualSpending", 14_900_000L,
        "contributionMobilised", 4_200_000L, "womenReached", 33L, "menReached", 29L, "outputAchieved", 290L, "maintenanceGroup", "Tổ bảo trì",
        "completionSummary", "Giếng đã dùng cho 18 hộ", "photoFiles", WebappSession.parse(photo.body()).get("id")
            .asText()));
    Map<String, Object> evaluation = new HashMap<>(Map.of("scoreResults", 4L, "scoreParticipation", 5L,
        "scoreTransparency", 4L, "scoreQuality", 4L, "scoreSustainability", 4L));
    evaluation.put("communityFeedback", "Nước trong, bà con góp công đầy đủ");
    complete("leader2", code, "UserTask_EvaluateResults", evaluation);
    complete("officer2", code, "UserTask_CloseSubproject", Map.of("closureDecision", "CLOSE",
        "closureComment", "Chứng từ đầy đủ"));

    JsonNode history = facilitator.get("/history/process-instance/" + instanceId);
    assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
    assertThat(facilitator.get("/history/activity-instance?processInstanceId=" + instanceId
        + "&activityId=EndEvent_SubprojectClosed")).hasSize(1);

    // each ledger line carries the sub-project's sector, for the report's sector cut
    assertThat(jdbc.sql("SELECT kind || ':' || amount || ':' || sector_code FROM ledger_entry WHERE subproject_code = ?"
        + " ORDER BY id").param(code).query(String.class).list())
        .containsExactly("COMMIT:15000000:ROADS", "DISBURSE:15000000:ROADS");
    assertThat(jdbc.sql("SELECT sector_code || ':' || output_planned || ':' || output_achieved || ':' || maintenance_group"
        + " FROM subproject WHERE code = ?").param(code).query(String.class).single()).isEqualTo("ROADS:300:290:Tổ bảo trì");
    assertThat(jdbc.sql("SELECT actor || ':' || outcome FROM decision_log WHERE subproject_code = ? ORDER BY id")
        .param(code).query(String.class).list()).containsExactly("leader1:ENDORSE", "officer1:APPROVE",
        "finance1:SUBMITTED", "facilitator1:SUBMITTED", "facilitator1:SUBMITTED", "leader2:SUBMITTED", "officer2:CLOSE");
    assertThat(jdbc.sql("SELECT kind FROM notification WHERE subproject_code = ? ORDER BY id")
        .param(code).query(String.class).list())
        .containsExactly("PROPOSAL_ENDORSED", "GRANT_APPROVED", "DISBURSEMENT_RECORDED", "SUBPROJECT_CLOSED");
    assertThat(jdbc.sql("""
        SELECT stage || ':' || approved_grant || ':' || disbursed || ':' || women_reached || ':' || evaluation_score
        FROM subproject WHERE code = ?""").param(code).query(String.class).single())
        .isEqualTo("CLOSED:15000000:15000000:33:85");
    assertThat(jdbc.sql("SELECT step FROM decision_log WHERE subproject_code = ? AND actor = 'leader1'")
        .param(code).query(String.class).single()).isEqualTo("Xã xem xét đề xuất");
  }

  @Test
  void decisionWithoutItsReasonIsRefusedWith400AndTheTaskStaysOpen() {
    WebappSession facilitator = login("facilitator1");
    String instanceId = WebappSession.parse(facilitator.post("/process-definition/key/subprojectGrant/submit-form",
        Map.of("variables", WebappSession.typed(withMinutes(facilitator,
            Proposals.valid("CBG0574004", "Loa truyền thanh thôn"))))).body())
        .get("id").asText();
    WebappSession leader = login("leader1");
    String taskId = leader.get("/task?processInstanceId=" + instanceId).get(0).get("id").asText();
    leader.post("/task/" + taskId + "/claim", Map.of("userId", "leader1"));

    HttpResponse<String> response = leader.post("/task/" + taskId + "/submit-form",
        Map.of("variables", WebappSession.typed(Map.of("reviewDecision", "REJECT"))));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("reviewComment").contains("cần ghi lý do")
        // the refusal's own words, as the Tasklist shows them
        .doesNotContain("ENGINE-").doesNotContain("TaskListener");
    assertThat(leader.get("/task?processInstanceId=" + instanceId).get(0).get("id").asText()).isEqualTo(taskId);
  }

  @Test
  void proposalWithWrongFieldsIsRefusedNamingThemAndNothingStarts() {
    WebappSession facilitator = login("facilitator1");
    Map<String, Object> bad = Proposals.valid("CBG0574003", "Sân chơi cho trẻ em");
    bad.put("requestedGrant", -5L);
    bad.put("plannedEnd", "2026-01-01");
    long before = jdbc.sql("SELECT COUNT(*) FROM act_hi_procinst").query(Long.class).single();

    HttpResponse<String> response = facilitator.post("/process-definition/key/subprojectGrant/submit-form",
        Map.of("variables", WebappSession.typed(bad)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("requestedGrant").contains("plannedEnd").contains("Dữ liệu chưa hợp lệ")
        .doesNotContain("ENGINE-");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_hi_procinst").query(Long.class).single()).isEqualTo(before);
  }

  /** The proposal with the minutes the facilitator chose in the start form, held until it is sent. */
  private static Map<String, Object> withMinutes(WebappSession facilitator, Map<String, Object> proposal) {
    HttpResponse<String> held = facilitator.uploadFile("/files/held", "MINUTES", "bien-ban.pdf",
        TestFiles.minutesPdf(), true);
    assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
    Map<String, Object> withMinutes = new HashMap<>(proposal);
    withMinutes.put("minutesFiles", WebappSession.parse(held.body()).get("id").asText());
    return withMinutes;
  }

  private WebappSession login(String user) {
    return WebappSession.login("http://localhost:" + port, user, "demo");
  }

  /** The user finds the task of the sub-project in the Tasklist's query, claims it if needed, and submits its form. */
  private void complete(String user, String code, String taskKey, Map<String, Object> variables) {
    WebappSession session = login(user);
    JsonNode tasks = session.get("/task?processInstanceBusinessKey=" + code + "&taskDefinitionKey=" + taskKey);
    assertThat(tasks).as("%s sees %s", user, taskKey).hasSize(1);
    String taskId = tasks.get(0).get("id").asText();
    if (tasks.get(0).get("assignee").isNull()) {
      assertThat(session.post("/task/" + taskId + "/claim", Map.of("userId", user)).statusCode()).isEqualTo(204);
    }
    HttpResponse<String> response = session.post("/task/" + taskId + "/submit-form",
        Map.of("variables", WebappSession.typed(variables)));
    assertThat(response.statusCode()).as(user + " completes " + taskKey + ": " + response.body()).isIn(200, 204);
    // the very task is done, by this user, and no longer in anybody's list
    assertThat(jdbc.sql("SELECT delete_reason_ || ':' || COALESCE(assignee_, '(nobody)')"
        + " FROM act_hi_taskinst WHERE id_ = ?").param(taskId)
        .query(String.class).single()).as("%s's %s in the history", user, taskKey).isEqualTo("completed:" + user);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_ru_task WHERE id_ = ?").param(taskId).query(Long.class).single())
        .as("%s still open", taskKey).isZero();
  }
}
