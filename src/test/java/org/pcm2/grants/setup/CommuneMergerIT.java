package org.pcm2.grants.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two communes merged into a new one (the 2025 reform): hamlets, schools and groups move
 * under the new code; the sub-projects keep the commune they were made in, and their open
 * steps go to the new commune's leaders — through /api, engine-rest and the next steps alike —
 * while the old commune's leaders keep none of them.
 */
class CommuneMergerIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MERGER = "{\"communes\":[\"05740\",\"05743\"],\"code\":\"05799\","
      + "\"name\":\"Xã Hoàng Nông La Bằng\",\"parent\":\"171\"}";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private IdentityService identity;

  private ApiClient as(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }

  @Test
  void theNewCommunesLeadersTakeTheOpenStepsAndTheSubprojectsKeepTheirCommune() throws Exception {
    String reviewing = submit("CBG0574005", "Đường bê tông");
    String claimed = submit("CBG0574006", "Giếng nước");
    String review = taskId(claimed, "UserTask_ReviewProposal");
    assertThat(as("leader1").postJson("/engine-rest/task/" + review + "/claim", "{\"userId\":\"leader1\"}")
        .statusCode()).isEqualTo(204);
    // a complaint about the old commune, its step claimed by one of its leaders
    String complaint = feedback("05740");
    String handling = jdbc.sql("SELECT t.id_ FROM act_ru_task t JOIN community_feedback f"
        + " ON f.process_instance_id = t.proc_inst_id_ WHERE f.reference = ?").param(complaint).query(String.class)
        .single();
    assertThat(as("leader1").postJson("/engine-rest/task/" + handling + "/claim", "{\"userId\":\"leader1\"}")
        .statusCode()).isEqualTo(204);
    long hamlets = jdbc.sql("SELECT COUNT(*) FROM place WHERE parent_code IN ('05740', '05743')").query(Long.class)
        .single();

    // nobody but an administrator merges, and bad input names every field and changes nothing
    for (String wrong : List.of("officer1", "leader1", "facilitator1")) {
      assertThat(as(wrong).postJson("/api/directory/communes/mergers", MERGER).statusCode()).as(wrong).isEqualTo(404);
    }
    HttpResponse<String> bad = as("admin").postJson("/api/directory/communes/mergers",
        "{\"communes\":[\"05740\",\"0574001\"],\"code\":\"05743\",\"name\":\"\",\"parent\":\"05740\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(fields(bad)).containsExactlyInAnyOrder("communes", "code", "name", "parent");
    assertThat(bad.body()).contains("0574001 không phải một xã").contains("mã 05743 đã có trong danh mục");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM place WHERE merged_into IS NOT NULL").query(Long.class).single())
        .isZero();

    HttpResponse<String> merged = as("admin").postJson("/api/directory/communes/mergers", MERGER);
    assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
    JsonNode outcome = JSON.readTree(merged.body());
    assertThat(outcome.get("places").asLong()).isEqualTo(hamlets);
    assertThat(outcome.get("schools").asInt()).isEqualTo(2);
    assertThat(texts(outcome.get("subprojects"))).containsExactly(reviewing, claimed);
    assertThat(outcome.get("tasks").asInt()).isEqualTo(2);
    assertThat(outcome.get("tasksGivenBack").asInt()).isEqualTo(1);

    // the directory: hamlets, schools and so groups are the new commune's; the old ones say where they went
    assertThat(jdbc.sql("SELECT COUNT(*) FROM place WHERE parent_code = '05799'").query(Long.class).single())
        .isEqualTo(hamlets);
    assertThat(jdbc.sql("SELECT commune_code FROM school WHERE code = 'THCS05743'").query(String.class).single())
        .isEqualTo("05799");
    assertThat(jdbc.sql("SELECT merged_into FROM place WHERE code IN ('05740', '05743')").query(String.class).list())
        .containsExactly("05799", "05799");
    assertThat(identity.createGroupQuery().groupId("commune05799").count()).isOne();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_change WHERE changed_by = 'admin' AND field = 'mergedInto'")
        .query(Long.class).single()).isEqualTo(2);
    // the sub-projects keep the commune they were made in, for reports
    assertThat(jdbc.sql("SELECT commune_code FROM subproject WHERE code IN (?, ?)").params(reviewing, claimed)
        .query(String.class).list()).containsOnly("05740");

    // the old commune's leaders: nothing through /api or engine-rest, and the claim is given back
    ApiClient leader1 = as("leader1");
    assertThat(assignee(review)).isNull();
    assertThat(leader1.get("/api/subprojects/" + reviewing).statusCode()).isEqualTo(404);
    assertThat(ids(leader1.get("/engine-rest/task?processInstanceId=" + instanceOf(claimed)))).isEmpty();
    assertThat(ids(leader1.get("/engine-rest/history/process-instance?processInstanceId=" + instanceOf(reviewing))))
        .isEmpty();
    assertThat(leader1.postJson("/api/subprojects/" + reviewing + "/tasks/UserTask_ReviewProposal",
        GrantCycleSteps.STEPS[0][2]).statusCode()).isEqualTo(404);

    // nor the complaint: its step is given back and offered to the new commune's leaders only
    assertThat(assignee(handling)).isNull();
    assertThat(ids(leader1.get("/engine-rest/task?processInstanceBusinessKey=" + complaint))).isEmpty();
    assertThat(leader1.postJson("/engine-rest/task/" + handling + "/complete", REPLY).statusCode()).isIn(403, 404);
    assertThat(jdbc.sql("SELECT commune_code FROM community_feedback WHERE reference = ?").param(complaint)
        .query(String.class).single()).as("it keeps the commune it was about").isEqualTo("05740");

    // a leader of the new commune sees both and reviews them; the next commune step of a new proposal is theirs
    identity.createMembership("leader3", "commune05799");
    ApiClient leader3 = as("leader3");
    assertThat(JSON.readTree(leader3.get("/api/subprojects").body()).findValuesAsText("code"))
        .contains(reviewing, claimed);
    assertThat(ids(leader3.get("/engine-rest/task?processInstanceId=" + instanceOf(claimed)))).containsExactly(review);
    for (String code : List.of(reviewing, claimed)) {
      HttpResponse<String> done = leader3.postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
          GrantCycleSteps.STEPS[0][2]);
      assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }
    // and answers the complaint, and one sent afterwards about the other old commune; both are counted as theirs
    assertThat(ids(leader3.get("/engine-rest/task?processInstanceBusinessKey=" + complaint)))
        .containsExactly(handling);
    HttpResponse<String> answered = leader3.postJson("/engine-rest/task/" + handling + "/complete", REPLY);
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);
    // (the public page still lists the old communes, saying what they are part of now)
    assertThat(new ApiClient("http://localhost:" + port, null, null).get("/feedback").body())
        .contains("(nay thuộc Xã Hoàng Nông La Bằng / now part of Xã Hoàng Nông La Bằng)");
    String later = feedback("05743");
    assertThat(jdbc.sql("SELECT handler FROM community_feedback WHERE reference = ?").param(later)
        .query(String.class).single()).isEqualTo("COMMUNE");
    assertThat(ids(leader3.get("/engine-rest/task?processInstanceBusinessKey=" + later))).hasSize(1);
    assertThat(ids(leader1.get("/engine-rest/task?processInstanceBusinessKey=" + later))).isEmpty();
    JsonNode counted = JSON.readTree(leader3.get("/api/reports/feedback").body());
    assertThat(counted.at("/total/received").asLong()).isEqualTo(2);
    assertThat(counted.at("/total/resolved").asLong()).isEqualTo(1);

    // new proposals wait for DWC to give the new commune its envelope: a clear refusal until then
    HttpResponse<String> early = as("facilitator1").submitProposal(
        JSON.writeValueAsString(Proposals.valid("CBG0574007", "Nhà văn hoá")));
    assertThat(early.statusCode()).isEqualTo(400);
    assertThat(early.body()).contains("không cấp vốn cho Xã Hoàng Nông La Bằng");
    assertThat(as("officer1").putJson("/api/cycles/CM-2026-1/envelopes/05799", "{\"amount\":300000000}")
        .statusCode()).isEqualTo(200);
    String after = submit("CBG0574007", "Nhà văn hoá");
    assertThat(jdbc.sql("SELECT commune_code FROM subproject WHERE code = ?").param(after).query(String.class)
        .single()).isEqualTo("05799");
    assertThat(jdbc.sql("SELECT i.group_id_ FROM act_ru_identitylink i JOIN act_ru_task t ON t.id_ = i.task_id_"
        + " WHERE t.proc_inst_id_ = ? AND i.type_ = 'candidate'").param(instanceOf(after)).query(String.class)
        .list()).containsExactly("commune05799");

    // a commune merged already cannot be merged again
    assertThat(as("admin").postJson("/api/directory/communes/mergers", MERGER.replace("05799", "05798")).body())
        .contains("đã được sáp nhập");
  }

  private static final String REPLY = "{\"variables\":{\"feedbackReply\":{\"value\":\"Xã đã kiểm tra và sẽ sửa\"}}}";

  private String feedback(String commune) throws Exception {
    HttpResponse<String> created = as("facilitator1").postJson("/api/feedback", "{\"communeCode\":\"" + commune
        + "\",\"category\":\"COMPLAINT\",\"text\":\"Mương nước xóm bị vỡ sau mưa lũ\",\"channel\":\"IN_PERSON\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("reference").asText();
  }

  private String submit(String group, String title) throws Exception {
    HttpResponse<String> created = as("facilitator1").submitProposal(
        JSON.writeValueAsString(Proposals.valid(group, title)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("code").asText();
  }

  private String instanceOf(String code) {
    return jdbc.sql("SELECT process_instance_id FROM subproject WHERE code = ?").param(code).query(String.class)
        .single();
  }

  private String taskId(String code, String key) {
    return jdbc.sql("SELECT id_ FROM act_ru_task WHERE proc_inst_id_ = ? AND task_def_key_ = ?")
        .params(instanceOf(code), key).query(String.class).single();
  }

  private String assignee(String task) {
    return jdbc.sql("SELECT assignee_ FROM act_ru_task WHERE id_ = ?").param(task)
        .query((row, i) -> java.util.Optional.ofNullable(row.getString(1))).single().orElse(null);
  }

  private static List<String> fields(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("errors").findValuesAsText("field");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> ids(HttpResponse<String> response) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    JSON.readTree(response.body()).forEach(n -> out.add(n.get("id").asText()));
    return out;
  }
}
