package org.pcm2.grants.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.TestFiles;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The files a step brings as evidence, through every door: screening wants a file of the
 * meeting's minutes (not a checkbox), a completion report a photo; a file named in a step must
 * be the sub-project's or held by the one sending it, and of the field's kind; the Tasklist's
 * file door takes only its own session and token; a photo keeps when and where it was taken.
 */
class EvidenceFilesIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private Attachments attachments;

  @Test
  void withoutAFileOfTheMinutesTheProposalIsSentBackAndItsRevisionWithOneGoesToTheCommune() throws Exception {
    ApiClient facilitator = api("facilitator1");
    ObjectNode proposal = JSON.valueToTree(Proposals.valid("CBG0574001", "Nhà văn hoá không biên bản"));
    HttpResponse<String> created = facilitator.postJson("/api/subprojects", proposal.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    assertThat(stage(code)).isEqualTo("IN_REVISION");

    long minutes = id(facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "MINUTES",
        "bien-ban.pdf", TestFiles.minutesPdf()));
    HttpResponse<String> revised = facilitator.postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviseProposal",
        "{\"minutesFiles\":\"" + minutes + "\",\"revisionNote\":\"Đã tải biên bản họp\"}");
    assertThat(revised.statusCode()).as(revised.body()).isEqualTo(204);
    assertThat(stage(code)).isEqualTo("IN_REVIEW");
  }

  @Test
  void minutesHeldBySomeoneElseOrOfAnotherKindAreRefusedAtEveryStartDoorAndNothingStarts() throws Exception {
    long othersMinutes = id(api("facilitator2").upload("/api/files", "kind", "MINUTES", "cua-nguoi-khac.pdf",
        TestFiles.minutesPdf()));
    long ownPhoto = id(api("facilitator1").upload("/api/files", "kind", "PHOTO", "anh.jpg", TestFiles.photo()));
    long instancesBefore = count("SELECT COUNT(*) FROM act_hi_procinst");

    ObjectNode proposal = JSON.valueToTree(Proposals.valid("CBG0574002", "Giếng nước dùng biên bản người khác"));
    proposal.putArray("minutesFiles").add(othersMinutes);
    assertRefused(api("facilitator1").postJson("/api/subprojects", proposal.toString()), "minutesFiles");
    proposal.putArray("minutesFiles").add(ownPhoto);
    assertThat(api("facilitator1").postJson("/api/subprojects", proposal.toString()).body())
        .contains("minutesFiles").contains("không phải là Biên bản họp");

    Map<String, Object> variables = new HashMap<>(Proposals.valid("CBG0574002", "Giếng nước qua engine-rest"));
    variables.put("minutesFiles", String.valueOf(othersMinutes));
    String start = "/process-definition/key/subprojectGrant/submit-form";
    assertRefused(api("facilitator1").postJson("/engine-rest" + start,
        JSON.writeValueAsString(Map.of("variables", WebappSession.typed(variables)))), "minutesFiles");
    assertRefused(tasklist("facilitator1").post(start, Map.of("variables", WebappSession.typed(variables))),
        "minutesFiles");

    assertThat(count("SELECT COUNT(*) FROM act_hi_procinst")).isEqualTo(instancesBefore);
    assertThat(jdbc.sql("SELECT uploaded_by || ':' || COALESCE(subproject_code, 'held') FROM attachment WHERE id = ?")
        .param(othersMinutes).query(String.class).single()).isEqualTo("facilitator2:held");
  }

  @Test
  void oneHeldFileNamedByTwoProposalsSentAtOnceBecomesTheFilesOfOneOnly() throws Exception {
    ApiClient facilitator = api("facilitator1");
    long minutes = id(facilitator.upload("/api/files", "kind", "MINUTES", "bien-ban-chung.pdf",
        TestFiles.minutesPdf()));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
    for (String group : java.util.List.of("CBG0574004", "CBG0574006")) {
      ObjectNode proposal = JSON.valueToTree(Proposals.valid(group, "Sân chơi " + group));
      proposal.putArray("minutesFiles").add(minutes);
      sent.add(pool.submit(() -> {
        start.await();
        return facilitator.postJson("/api/subprojects", proposal.toString());
      }));
    }
    start.countDown();
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    for (var response : sent) {
      statuses.add(response.get().statusCode());
      if (response.get().statusCode() == 400) {
        assertThat(response.get().body()).contains("minutesFiles").contains("không có tệp " + minutes);
      }
    }
    pool.shutdown();
    // one proposal has the minutes; the other is refused, not started with a file it has not
    assertThat(statuses).containsExactlyInAnyOrder(201, 400);
    assertThat(count("SELECT COUNT(*) FROM subproject WHERE title LIKE 'Sân chơi CBG05740%'")).isEqualTo(1);
    assertThat(jdbc.sql("SELECT s.title FROM attachment a JOIN subproject s ON s.code = a.subproject_code"
        + " WHERE a.id = ?").param(minutes).query(String.class).single()).startsWith("Sân chơi CBG05740");
  }

  @Test
  void aCompletionReportWithoutAPhotoOfItsOwnIsRefusedAtEveryDoorAndOneWithAPhotoIsTaken() throws Exception {
    String code = atCompletionReport("CBG0574003");
    String otherCode = atCompletionReport("CBG0574005");
    ApiClient facilitator = api("facilitator1");
    long minutes = jdbc.sql("SELECT id FROM attachment WHERE subproject_code = ? AND kind = 'MINUTES'")
        .param(code).query(Long.class).single();
    long othersPhoto = id(facilitator.upload("/api/subprojects/" + otherCode + "/attachments", "kind", "PHOTO",
        "cong-trinh-khac.jpg", TestFiles.photo()));
    String report = "{\"actualSpending\":15000000,\"contributionMobilised\":4000000,\"womenReached\":31,"
        + "\"menReached\":27,\"completionSummary\":\"Xong\",\"outputAchieved\":280,\"maintenanceGroup\":\"Tổ bảo trì\"";
    String path = "/api/subprojects/" + code + "/tasks/UserTask_SubmitCompletionReport";

    assertRefused(facilitator.postJson(path, report + "}"), "photoFiles");
    assertRefused(facilitator.postJson(path, report + ",\"photoFiles\":\"" + minutes + "\"}"), "photoFiles");
    assertRefused(facilitator.postJson(path, report + ",\"photoFiles\":\"" + othersPhoto + "\"}"), "photoFiles");
    // a photo a progress report brought is that report's, not the finished works'
    long progressPhoto = id(facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "PHOTO",
        "dang-thi-cong.jpg", TestFiles.photo()));
    jdbc.sql("UPDATE attachment SET first_named_in = 'UserTask_SubmitProgressReport' WHERE id = ?")
        .param(progressPhoto).update();
    HttpResponse<String> progress = facilitator.postJson(path, report + ",\"photoFiles\":\"" + progressPhoto + "\"}");
    assertRefused(progress, "photoFiles");
    assertThat(progress.body()).contains("ảnh công trình của chính nó");
    String taskId = jdbc.sql("SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
        + " WHERE e.business_key_ = ? AND t.task_def_key_ = 'UserTask_SubmitCompletionReport'").param(code)
        .query(String.class).single();
    Map<String, Object> variables = new HashMap<>(JSON.readValue(report + "}", Map.class));
    variables.put("photoFiles", String.valueOf(othersPhoto));
    assertRefused(facilitator.postJson("/engine-rest/task/" + taskId + "/complete",
        JSON.writeValueAsString(Map.of("variables", WebappSession.typed(variables)))), "photoFiles");
    assertRefused(tasklist("facilitator1").post("/task/" + taskId + "/submit-form",
        Map.of("variables", WebappSession.typed(variables))), "photoFiles");
    assertThat(stage(code)).isEqualTo("REPORTING");

    // the facilitator takes the photo on site: the Tasklist's chooser sends it to the sub-project
    HttpResponse<String> photo = tasklist("facilitator1").uploadFile("/files/subprojects/" + code + "/attachments",
        "PHOTO", "giếng-mới.jpg", TestFiles.photo("2026:11:30 16:45:00", 21.612345, 105.301234), true);
    assertThat(photo.statusCode()).as(photo.body()).isEqualTo(201);
    variables.put("photoFiles", String.valueOf(id(photo)));
    HttpResponse<String> done = tasklist("facilitator1").post("/task/" + taskId + "/submit-form",
        Map.of("variables", WebappSession.typed(variables)));
    assertThat(done.statusCode()).as(done.body()).isIn(200, 204);
    assertThat(stage(code)).isEqualTo("EVALUATING");

    // when and where, beside the file, in the timeline and in the leader's form
    JsonNode detail = JSON.readTree(facilitator.get("/api/subprojects/" + code).body());
    JsonNode kept = detail.get("files").get(detail.get("files").size() - 1);
    assertThat(kept.get("fileName").asText()).isEqualTo("giếng-mới.jpg");
    assertThat(kept.get("takenAt").asText()).isEqualTo("2026-11-30T09:45:00Z");
    assertThat(kept.get("latitude").asDouble()).isEqualTo(21.612345);
    assertThat(kept.get("longitude").asDouble()).isEqualTo(105.301234);
    assertThat(detail.get("timeline").findValuesAsText("comment")).anySatisfy(comment -> assertThat(comment)
        .contains("giếng-mới.jpg").contains("chụp 30/11/2026 16:45").contains("vị trí 21.612345, 105.301234"));
    String leaderTask = jdbc.sql("SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
        + " WHERE e.business_key_ = ? AND t.task_def_key_ = 'UserTask_EvaluateResults'").param(code)
        .query(String.class).single();
    assertThat(jdbc.sql("SELECT text_ FROM act_ru_variable WHERE task_id_ = ? AND name_ = 'attachmentList'")
        .param(leaderTask).query(String.class).single()).contains("Ảnh: giếng-mới.jpg").contains("chụp 30/11/2026");
  }

  @Test
  void theTasklistsFileDoorTakesOnlyItsOwnSessionAndTokenAndGoodFiles() throws Exception {
    long before = count("SELECT COUNT(*) FROM attachment");
    WebappSession facilitator = tasklist("facilitator1");

    WebappSession withoutToken = WebappSession.login(base(), "facilitator1", "demo");
    HttpResponse<String> noToken = withoutToken.uploadFile("/files/held", "MINUTES", "bien-ban.pdf",
        TestFiles.minutesPdf(), false);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).contains("chống giả mạo");
    HttpResponse<String> basic = api("facilitator1").upload("/files/held", "kind", "MINUTES", "bien-ban.pdf",
        TestFiles.minutesPdf());
    assertThat(basic.statusCode()).as("HTTP Basic is not this door's").isIn(401, 403);

    HttpResponse<String> text = facilitator.uploadFile("/files/held", "MINUTES", "bien-ban.pdf",
        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), true);
    assertRefused(text, "file");
    HttpResponse<String> pdfAsPhoto = facilitator.uploadFile("/files/held", "PHOTO", "anh.jpg",
        TestFiles.minutesPdf(), true);
    assertRefused(pdfAsPhoto, "file");
    assertThat(pdfAsPhoto.body()).contains("JPEG hoặc PNG");

    String othersCode = JSON.readTree(api("facilitator2").submitProposal(JSON.writeValueAsString(
        Proposals.valid("CBG0550001", "Đường của xã khác"))).body()).get("code").asText();
    assertThat(facilitator.uploadFile("/files/subprojects/" + othersCode + "/attachments", "PHOTO", "anh.jpg",
        TestFiles.photo(), true).statusCode()).isEqualTo(404);
    assertThat(tasklist("leader1").uploadFile("/files/held", "MINUTES", "bien-ban.pdf", TestFiles.minutesPdf(), true)
        .statusCode()).as("a leader holds no files for proposals").isEqualTo(404);

    assertThat(count("SELECT COUNT(*) FROM attachment")).as("only facilitator2's minutes were kept")
        .isEqualTo(before + 1);
  }

  @Test
  void aPersonHoldsFiftyFilesAtMostAndWhatNoProposalTookIsGoneAfterAWeek() throws Exception {
    ApiClient facilitator = api("facilitator3");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    java.util.List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
    for (int i = 0; i < 54; i++) {
      String name = "bien-ban-" + i + ".pdf";
      sent.add(pool.submit(() -> facilitator.upload("/api/files", "kind", "MINUTES", name, TestFiles.minutesPdf())
          .statusCode()));
    }
    java.util.List<Integer> statuses = new java.util.ArrayList<>();
    for (var status : sent) {
      statuses.add(status.get());
    }
    pool.shutdown();
    // uploads at once are counted one after another: never more than fifty held
    assertThat(statuses).filteredOn(status -> status == 201).hasSize(50);
    assertThat(statuses).filteredOn(status -> status == 400).hasSize(4);
    HttpResponse<String> refused = facilitator.upload("/api/files", "kind", "MINUTES", "them.pdf",
        TestFiles.minutesPdf());
    assertRefused(refused, "file");
    assertThat(refused.body()).contains("đang giữ 50 tệp");
    assertThat(count("SELECT COUNT(*) FROM attachment WHERE uploaded_by = 'facilitator3' AND subproject_code IS NULL")).isEqualTo(50);

    // a week later, the files no proposal took are gone; a sub-project's files are never purged
    jdbc.sql("UPDATE attachment SET uploaded_at = uploaded_at - INTERVAL '8 days' WHERE uploaded_by = 'facilitator3' AND subproject_code IS NULL")
        .update();
    long kept = count("SELECT COUNT(*) FROM attachment WHERE subproject_code IS NOT NULL");
    jdbc.sql("UPDATE attachment SET uploaded_at = uploaded_at - INTERVAL '8 days' WHERE subproject_code IS NOT NULL")
        .update();
    assertThat(attachments.purgeUnclaimed()).isEqualTo(50);
    assertThat(count("SELECT COUNT(*) FROM attachment WHERE uploaded_by = 'facilitator3' AND subproject_code IS NULL")).isZero();
    assertThat(count("SELECT COUNT(*) FROM attachment WHERE subproject_code IS NOT NULL")).isEqualTo(kept);
    assertThat(facilitator.upload("/api/files", "kind", "MINUTES", "moi.pdf", TestFiles.minutesPdf()).statusCode())
        .isEqualTo(201);
  }

  @Test
  void aSubprojectTakesTwoHundredFilesAtMost() throws Exception {
    ApiClient facilitator = api("facilitator1");
    String code = JSON.readTree(facilitator.submitProposal(JSON.writeValueAsString(
        Proposals.valid("CBG0574007", "Nhà văn hoá nhiều ảnh"))).body()).get("code").asText();
    jdbc.sql("""
        INSERT INTO attachment (subproject_code, kind, file_name, content_type, size_bytes, sha256, content,
                                uploaded_by, uploaded_at)
        SELECT ?, 'PHOTO', 'anh-' || n || '.png', 'image/png', 1, 'x', '\\x00'::bytea, 'facilitator1', now()
        FROM generate_series(1, 198) n
        """).param(code).update();
    HttpResponse<String> last = facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "PHOTO",
        "anh-200.jpg", TestFiles.photo());
    assertThat(last.statusCode()).as(last.body()).isEqualTo(201);
    // the open step's list of files fits its form: the newest, and how many came before
    assertThat(jdbc.sql("SELECT v.text_ FROM act_ru_variable v JOIN act_ru_task t ON t.id_ = v.task_id_"
        + " JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ WHERE e.business_key_ = ? AND v.name_ = 'attachmentList'")
        .param(code).query(String.class).single()).startsWith("… và ").contains("tệp trước đó")
        .endsWith("/attachments/" + JSON.readTree(last.body()).get("id").asLong()).hasSizeLessThan(4000);
    HttpResponse<String> refused = facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "PHOTO",
        "anh-201.jpg", TestFiles.photo());
    assertRefused(refused, "file");
    assertThat(refused.body()).contains("tiểu dự án đã có 200 tệp");
    assertThat(count("SELECT COUNT(*) FROM attachment WHERE subproject_code = '" + code + "'")).isEqualTo(200);
  }

  // ---------------------------------------------------------------- helpers

  /** A sub-project of the group at its completion report, its minutes sent with it. */
  private String atCompletionReport(String group) throws Exception {
    HttpResponse<String> created = api("facilitator1").submitProposal(JSON.writeValueAsString(
        Proposals.valid(group, "Giếng nước " + group)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    for (String[] step : java.util.List.of(GrantCycleSteps.STEPS).subList(0, 4)) {
      ApiClient api = api(GrantCycleSteps.user(step, "leader1"));
      HttpResponse<String> done = api.postJson("/api/subprojects/" + code + "/tasks/" + step[1],
          GrantCycleSteps.body(api, code, step));
      assertThat(done.statusCode()).as(step[1] + ": " + done.body()).isEqualTo(204);
    }
    return code;
  }

  private static void assertRefused(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(field);
  }

  private String stage(String code) {
    return jdbc.sql("SELECT stage FROM subproject WHERE code = ?").param(code).query(String.class).single();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private static long id(HttpResponse<String> created) throws Exception {
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("id").asLong();
  }

  private ApiClient api(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private WebappSession tasklist(String user) {
    return WebappSession.login(base(), user, "demo");
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
