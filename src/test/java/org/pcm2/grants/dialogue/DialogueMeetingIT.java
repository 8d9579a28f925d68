package org.pcm2.grants.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A dialogue meeting on PostgreSQL: recorded by its commune's leader with its commitments,
 * each its owner's step with its due date, worked through the Tasklist's engine API,
 * counted for DWC and the commune; the wrong person, bad input and an engine start refused
 * with nothing kept.
 */
class DialogueMeetingIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private RuntimeService runtime;

  @Test
  void aMeetingsCommitmentsBecomeTheirOwnersStepsAndAreCounted() throws Exception {
    LocalDate held = LocalDate.now().minusDays(3);
    String meeting = """
        {"communeCode":"05740","heldOn":"%s","women":34,"men":29,"issues":"Đường xóm xuống cấp; lịch họp thôn",
         "commitments":[{"what":"Khảo sát đoạn đường hỏng","owner":"leader1","dueOn":"%s"},
                        {"what":"DWC xem xét hỗ trợ vốn","owner":"officer1","dueOn":"%s"}]}"""
        .formatted(held, held.plusDays(30), held.plusDays(60));

    // the wrong person, bad input: refused, each field named, nothing kept
    assertThat(api("leader3").postJson("/api/dialogues", meeting).statusCode()).as("another commune's leader")
        .isEqualTo(404);
    HttpResponse<String> bad = api("leader1").postJson("/api/dialogues", meeting
        .replace("\"owner\":\"officer1\"", "\"owner\":\"nobody9\"").replace("\"women\":34", "\"women\":-1")
        .replace("\"heldOn\":\"" + held, "\"heldOn\":\"" + LocalDate.now().plusDays(2)));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("commitments[1].owner", "\"women\"", "heldOn");
    HttpResponse<String> forged = api("admin").postJson("/engine-rest/process-definition/key/dialogueCommitment/start",
        "{\"businessKey\":\"DT-9-9\",\"variables\":{\"commitmentOwner\":{\"value\":\"leader1\"}}}");
    assertThat(forged.statusCode()).as(forged.body()).isIn(400, 403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM dialogue_meeting").query(Long.class).single()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(DialogueProcess.KEY).count()).isZero();

    HttpResponse<String> recorded = api("leader1").postJson("/api/dialogues", meeting);
    assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    JsonNode keys = JSON.readTree(recorded.body()).get("commitmentKeys");
    assertThat(keys).hasSize(2);

    JsonNode leaders = JSON.readTree(api("leader1").get("/engine-rest/task?assignee=leader1&processInstanceBusinessKey="
        + keys.get(0).asText()).body());
    assertThat(leaders).hasSize(1);
    assertThat(leaders.get(0).get("due").asText()).startsWith(held.plusDays(30).toString());
    assertThat(JSON.readTree(api("leader3").get("/engine-rest/task?processInstanceBusinessKey="
        + keys.get(0).asText()).body())).as("not another commune's").isEmpty();
    assertThat(api("leader1").postJson("/engine-rest/task/" + leaders.get(0).get("id").asText() + "/complete",
        "{\"variables\":{\"commitmentOutcome\":{\"value\":\"MAYBE\"}}}").statusCode()).isEqualTo(400);
    assertThat(api("leader1").postJson("/engine-rest/task/" + leaders.get(0).get("id").asText() + "/complete",
        "{\"variables\":{\"commitmentOutcome\":{\"value\":\"KEPT\"},\"commitmentNote\":{\"value\":\"Đã khảo sát\"}}}")
        .statusCode()).isEqualTo(204);

    // DWC's commitment waits past its day
    jdbc.sql("UPDATE dialogue_commitment SET due_on = ? WHERE owner = 'officer1'")
        .param(java.sql.Date.valueOf(LocalDate.now().minusDays(1))).update();
    JsonNode dwc = JSON.readTree(api("officer1").get("/api/reports/dialogues").body());
    assertThat(dwc.get("meetings").asLong()).isEqualTo(1);
    assertThat(dwc.get("women").asLong()).isEqualTo(34);
    assertThat(dwc.get("men").asLong()).isEqualTo(29);
    assertThat(dwc.get("commitments").asLong()).isEqualTo(2);
    assertThat(dwc.get("kept").asLong()).isEqualTo(1);
    assertThat(dwc.get("open").asLong()).isEqualTo(1);
    assertThat(dwc.get("overdue").asLong()).isEqualTo(1);
    assertThat(JSON.readTree(api("leader1").get("/api/reports/dialogues").body()).get("meetings").asLong())
        .isEqualTo(1);
    assertThat(JSON.readTree(api("leader3").get("/api/reports/dialogues").body()).get("meetings").asLong())
        .isZero();
    assertThat(api("facilitator1").get("/api/reports/dialogues").statusCode()).isEqualTo(404);

    // the dashboard shows them beside the money
    String dashboard = org.pcm2.grants.support.PageRequests.get("http://localhost:" + port, "/reports/portfolio",
        "leader1").body();
    assertThat(dashboard.substring(dashboard.indexOf("id=\"dialogue-counts\""))).contains("34 / 29");
  }

  private ApiClient api(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }
}
