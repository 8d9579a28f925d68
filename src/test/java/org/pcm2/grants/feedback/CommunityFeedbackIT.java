package org.pcm2.grants.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.FormBrowser;
import org.pcm2.grants.support.PageRequests;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.TasklistBrowser;
import org.pcm2.grants.support.TestFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Community feedback on PostgreSQL, from the public page (no sign-in, its CSRF token) to the
 * answer: routed to the commune's leaders and nobody else's, or to DWC when it is about the
 * leaders; answered through the Tasklist's engine API; looked up by its reference; the answer
 * mailed to a sender who gave an address; the contact never in the engine; bad input,
 * forged forms and floods refused with nothing kept.
 */
@TestPropertySource(properties = "pcm.feedback.submissions-per-hour=12")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommunityFeedbackIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REFERENCE = Pattern.compile("id=\"reference\"[^>]*>(PA-[A-Z0-9]{8})<");

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private HistoryService history;

  @Test
  @Order(0)
  void aVillagerFilesFeedbackFromAPhoneAndLooksItUp() {
    TasklistBrowser.requireInstalled();
    try (TasklistBrowser phone = new TasklistBrowser(base(), 360, 780)) {
      phone.open("/feedback");
      phone.selectValue("select[name=communeCode]", "05740");
      phone.clickOn("input[name=category][value=QUESTION]");
      phone.type("textarea[name=text]", "Khi nào thôn Khuôn Ngục được làm đường?");
      phone.type("input[name=contactPhone]", "0912 345 678");
      // a photo of the road from the phone's gallery, with the day and place its camera wrote
      java.nio.file.Path road = java.nio.file.Files.createTempDirectory("pcm-feedback").resolve("Đường thôn.jpg");
      java.nio.file.Files.write(road, TestFiles.photo("2026:11:28 16:05:00", 21.61, 105.31));
      road.toFile().deleteOnExit();
      phone.upload("input[name=photo]", road);
      assertThat(((Number) phone.runAsync("arguments[arguments.length - 1](window.innerWidth)")).intValue())
          .isEqualTo(360);
      assertThat(((Number) phone.runAsync("arguments[arguments.length - 1]("
          + "document.documentElement.scrollWidth)")).intValue()).as("nothing wider than the phone").isLessThanOrEqualTo(360);
      phone.clickOn("button[type=submit]");
      String reference = phone.waitFor("#reference").getText();
      assertThat(reference).matches("PA-[A-Z0-9]{8}");
      phone.fullScreenshot("feedback-received-360");

      phone.open("/feedback/status?reference=" + reference);
      assertThat(phone.waitFor("#state").getText()).startsWith("Đang xử lý");
      assertThat(phone.waitFor("table").getText()).contains("Xã Hoàng Nông", "Câu hỏi").doesNotContain("0912");
      assertThat(phone.text()).as("the photo is the handlers' only").doesNotContain("Đường thôn.jpg");

      // the commune's leaders read the whole piece: the contact, the photo with its day and place
      HttpResponse<String> handler = PageRequests.get(base(), "/reports/feedback/" + reference, "leader1");
      assertThat(handler.statusCode()).isEqualTo(200);
      assertThat(handler.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
      assertThat(handler.body()).contains("0912 345 678", "Khi nào thôn Khuôn Ngục được làm đường?",
          "Đường thôn.jpg", "28/11/2026 16:05", "21.610000, 105.310000", "/reports/feedback/" + reference + "/photo");
      HttpResponse<byte[]> photo = photoAs("leader1", reference);
      assertThat(photo.statusCode()).isEqualTo(200);
      assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      assertThat(photo.body()).isEqualTo(TestFiles.photo("2026:11:28 16:05:00", 21.61, 105.31));
      assertThat(jdbc.sql("SELECT latitude || ',' || longitude FROM feedback_photo p JOIN community_feedback f"
          + " ON f.id = p.feedback_id WHERE f.reference = ?").param(reference).query(String.class).single())
          .isEqualTo("21.61,105.31");
      // nobody else: another commune's leader, DWC (the commune handles it), a facilitator, nobody signed in
      for (String other : new String[] {"leader3", "officer1", "facilitator1"}) {
        assertThat(PageRequests.get(base(), "/reports/feedback/" + reference, other).statusCode()).as(other)
            .isEqualTo(404);
        assertThat(photoAs(other, reference).statusCode()).as(other).isEqualTo(404);
      }
      assertThat(PageRequests.get(base(), "/reports/feedback/" + reference, null).statusCode()).isIn(401, 302);
      assertThat(photoAs(null, reference).statusCode()).isIn(401, 302);

      // the handling step in the Tasklist links to that page, which the Tasklist's session opens
      String task = jdbc.sql("SELECT t.id_ FROM act_ru_task t JOIN community_feedback f"
          + " ON f.process_instance_id = t.proc_inst_id_ WHERE f.reference = ?").param(reference)
          .query(String.class).single();
      try (TasklistBrowser leader = new TasklistBrowser(base()).login("leader1")) {
        leader.open("/camunda/app/tasklist/default/#/?task=" + task);
        assertThat(leader.waitFor("a[href*='/reports/feedback/']").getDomAttribute("href"))
            .isEqualTo("/reports/feedback/" + reference);
        leader.screenshot("feedback-handling-step");
        leader.open("/reports/feedback/" + reference);
        assertThat(leader.waitFor("#contact").getText()).contains("0912 345 678");
        assertThat(((Number) leader.runAsync("const done = arguments[arguments.length - 1];"
            + " const img = document.querySelector('#photo img');"
            + " img.complete ? done(img.naturalWidth) : img.onload = () => done(img.naturalWidth);")).intValue())
            .as("the photo shows").isEqualTo(64);
        leader.fullScreenshot("feedback-for-its-handlers");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private HttpResponse<byte[]> photoAs(String user, String reference) {
    return engine(user).download("/reports/feedback/" + reference + "/photo");
  }

  @Test
  @Order(1)
  void anAnonymousComplaintReachesItsCommunesLeadersOnlyAndIsAnswered() throws Exception {
    FormBrowser villager = new FormBrowser(base());
    HttpResponse<String> page = villager.get("/feedback");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Phản ánh, kiến nghị", "name=\"_csrf\"", "Xã Hoàng Nông",
        "width=device-width");

    String reference = send(villager, Map.of("communeCode", "05740", "category", "COMPLAINT", "text",
        "Đường bê tông xóm Khuôn Ngục đã nứt sau ba tháng", "anonymous", "on", "contactEmail", "an@example.org"));
    assertThat(jdbc.sql("SELECT contact_email FROM community_feedback WHERE reference = ?").param(reference)
        .query(String.class).optional()).as("anonymous: no contact kept, whatever the form carried").isEmpty();

    assertThat(tasks("leader3", reference)).as("a leader of another commune").isEmpty();
    JsonNode mine = tasks("leader1", reference);
    assertThat(mine).hasSize(1);
    String task = mine.get(0).get("id").asText();
    JsonNode links = JSON.readTree(engine("leader1").get("/engine-rest/task/" + task + "/identity-links").body());
    assertThat(links.findValuesAsText("groupId")).containsExactly("commune05740");
    // DWC reads every task to oversee, but the commune's answer is the commune's to give
    assertThat(engine("officer1").postJson("/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"feedbackReply\":{\"value\":\"DWC trả lời thay xã\"}}}").statusCode()).isEqualTo(403);
    assertThat(engine("leader3").postJson("/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"feedbackReply\":{\"value\":\"Không phải xã tôi\"}}}").statusCode()).isIn(403, 404);
    HttpResponse<String> answered = engine("leader1").postJson("/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"feedbackReply\":{\"value\":\"Xã đã kiểm tra, nhà thầu sẽ sửa trong tháng 12\"}}}");
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(204);

    HttpResponse<String> status = villager.get("/feedback/status?reference=" + reference.toLowerCase());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("Đã trả lời", "nhà thầu sẽ sửa trong tháng 12", "Khiếu nại");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'FEEDBACK_REPLY'").query(Long.class).single())
        .isZero();
  }

  @Test
  @Order(2)
  void aComplaintAboutTheLeadersGoesToDwcAndItsAnswerIsMailedToTheSender() throws Exception {
    String reference = send(new FormBrowser(base()), Map.of("communeCode", "05740", "category", "COMPLAINT",
        "aboutLeaders", "on", "text", "Chủ tịch xã giữ tiền đối ứng của bà con", "contactName", "Nguyễn Thị Hoa",
        "contactPhone", "0912 345 678", "contactEmail", "hoa@example.org"));

    assertThat(tasks("leader1", reference)).as("not to the leaders it is about").isEmpty();
    JsonNode dwc = tasks("officer1", reference);
    assertThat(dwc).hasSize(1);
    // the handlers read what was said, never who said it
    String instance = jdbc.sql("SELECT process_instance_id FROM community_feedback WHERE reference = ?")
        .param(reference).query(String.class).single();
    history.createHistoricVariableInstanceQuery().processInstanceId(instance).list().forEach(variable ->
        assertThat(String.valueOf(variable.getValue())).doesNotContain("hoa@example.org", "0912", "Nguyễn Thị Hoa"));

    assertThat(engine("officer1").postJson("/engine-rest/task/" + dwc.get(0).get("id").asText() + "/complete",
        "{\"variables\":{\"feedbackReply\":{\"value\":\"DWC đã làm việc với xã; tiền đã trả lại nhóm\"}}}")
        .statusCode()).isEqualTo(204);
    Map<String, Object> mail = jdbc.sql("SELECT recipient_email, subject, body_text FROM mail_outbox "
        + "WHERE kind = 'FEEDBACK_REPLY'").query().singleRow();
    assertThat(mail.get("recipient_email")).isEqualTo("hoa@example.org");
    assertThat((String) mail.get("subject")).contains(reference);
    assertThat((String) mail.get("body_text")).contains("Kính gửi Nguyễn Thị Hoa", "tiền đã trả lại nhóm");
    assertThat(jdbc.sql("SELECT handler FROM community_feedback WHERE reference = ?").param(reference)
        .query(String.class).single()).isEqualTo("DWC");
  }

  @Test
  @Order(3)
  void badInputIsRefusedNamingTheFieldAndNothingIsKept() throws Exception {
    long before = count();
    FormBrowser villager = new FormBrowser(base());
    villager.get("/feedback");
    Map<String, String> good = Map.of("communeCode", "05740", "category", "QUESTION", "text",
        "Khi nào có đợt cấp vốn tiếp theo?");
    for (Map.Entry<String, String> bad : Map.of("text", "ngắn", "communeCode", "99999", "contactEmail", "không có @",
        "contactPhone", "abc").entrySet()) {
      Map<String, String> form = new HashMap<>(good);
      form.put(bad.getKey(), bad.getValue());
      HttpResponse<String> refused = villager.post("/feedback", form);
      assertThat(refused.statusCode()).as(bad.toString()).isEqualTo(400);
      assertThat(refused.body()).as(bad.toString()).contains("data-field=\"" + bad.getKey() + "\"");
    }
    // a "photo" that is a PDF by its own bytes, whatever its name says
    long photos = jdbc.sql("SELECT COUNT(*) FROM feedback_photo").query(Long.class).single();
    HttpResponse<String> notAPhoto = villager.postWithFile("/feedback", good, "photo", "anh.jpg",
        TestFiles.minutesPdf());
    assertThat(notAPhoto.statusCode()).isEqualTo(400);
    assertThat(notAPhoto.body()).contains("data-field=\"photo\"").contains("ảnh phải là tệp JPEG hoặc PNG");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM feedback_photo").query(Long.class).single()).isEqualTo(photos);
    Map<String, String> markup = new HashMap<>(good);
    markup.put("text", "Xem <script>alert(1)</script> nhé");
    HttpResponse<String> refused = villager.post("/feedback", markup);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("không dùng thẻ HTML").doesNotContain("<script>alert(1)</script>");
    // no form of another site or without the page's token; nobody starts feedback through the engine
    assertThat(new FormBrowser(base()).post("/feedback", good).statusCode()).isEqualTo(403);
    HttpResponse<String> forged = new ApiClient(base(), "admin", "demo").postJson(
        "/engine-rest/process-definition/key/communityFeedback/start",
        "{\"businessKey\":\"PA-FORGED00\",\"variables\":{\"feedbackHandler\":{\"value\":\"COMMUNE\"}}}");
    assertThat(forged.statusCode()).as(forged.body()).isIn(400, 403);
    assertThat(count()).isEqualTo(before);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(FeedbackProcess.KEY).count())
        .isEqualTo(before - resolved());
    assertThat(villager.get("/feedback/status?reference=PA-NOTHERE2").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void aClientThatSendsTooMuchIsToldToWait() {
    FormBrowser flood = new FormBrowser(base());
    flood.get("/feedback");
    int status = 0;
    for (int i = 0; i < 12 && status != 429; i++) {
      status = flood.post("/feedback", Map.of("communeCode", "05740", "category", "SUGGESTION", "text",
          "Góp ý số " + i + " về lịch họp thôn")).statusCode();
    }
    assertThat(status).isEqualTo(429);
  }

  @Test
  @Order(5)
  void aFacilitatorEntersWhatWasSaidInAMeetingThroughTheApi() throws Exception {
    String heard = "{\"communeCode\":\"05740\",\"category\":\"SUGGESTION\",\"text\":\"Họp thôn đề nghị "
        + "làm thêm rãnh thoát nước\",\"channel\":\"IN_PERSON\",\"contactName\":\"Ông Lò Văn Tâm\"}";
    HttpResponse<String> created = engine("facilitator1").postJson("/api/feedback", heard);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String reference = JSON.readTree(created.body()).get("reference").asText();
    assertThat(jdbc.sql("SELECT channel, recorded_by FROM community_feedback WHERE reference = ?").param(reference)
        .query().singleRow()).containsEntry("channel", "IN_PERSON").containsEntry("recorded_by", "facilitator1");
    assertThat(tasks("leader1", reference)).hasSize(1);

    // a leader enters a complaint with the photo a villager showed, held through POST /api/files
    HttpResponse<String> held = engine("leader1").upload("/api/files", "kind", "PHOTO", "Mương vỡ.jpg",
        TestFiles.photo());
    assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
    long photoFile = JSON.readTree(held.body()).get("id").asLong();
    assertThat(engine("leader1").upload("/api/files", "kind", "MINUTES", "Biên bản.pdf", TestFiles.minutesPdf())
        .statusCode()).as("a leader holds photos for feedback, not a proposal's minutes").isEqualTo(404);
    String withPhoto = heard.replace("}", ",\"photoFile\":" + photoFile + "}");
    HttpResponse<String> someoneElses = engine("facilitator1").postJson("/api/feedback", withPhoto);
    assertThat(someoneElses.statusCode()).as("a photo held by someone else").isEqualTo(400);
    assertThat(someoneElses.body()).contains("\"field\":\"photoFile\"");
    HttpResponse<String> entered = engine("leader1").postJson("/api/feedback", withPhoto);
    assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
    String photographed = JSON.readTree(entered.body()).get("reference").asText();
    assertThat(photoAs("leader1", photographed).body()).isEqualTo(TestFiles.photo());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM attachment WHERE id = ?").param(photoFile).query(Long.class).single())
        .as("no longer held: the feedback has it").isZero();

    assertThat(new ApiClient(base(), null, null).postJson("/api/feedback", heard).statusCode()).isEqualTo(401);
    assertThat(engine("admin").postJson("/api/feedback", heard).statusCode()).as("not a programme person")
        .isEqualTo(404);
    HttpResponse<String> bad = engine("leader1").postJson("/api/feedback", heard.replace("Họp thôn đề nghị làm "
        + "thêm rãnh thoát nước", "ngắn"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"field\":\"text\"");
  }

  @Test
  @Order(6)
  void eachPieceIsCountedOnceForDwcAndItsCommunesLeaders() throws Exception {
    // one open piece waits past its 15 days
    jdbc.sql("UPDATE community_feedback SET received_at = received_at - INTERVAL '20 days' WHERE reference = "
        + "(SELECT MIN(reference) FROM community_feedback WHERE status <> 'RESOLVED')").update();
    long received = count();
    long answered = resolved();
    JsonNode dwc = JSON.readTree(engine("officer1").get("/api/reports/feedback").body());
    assertThat(dwc.at("/total/received").asLong()).isEqualTo(received).isGreaterThanOrEqualTo(5);
    assertThat(dwc.at("/total/resolved").asLong()).isEqualTo(answered).isEqualTo(2);
    assertThat(dwc.at("/total/open").asLong()).isEqualTo(received - answered);
    assertThat(dwc.at("/total/overdue").asLong()).isEqualTo(1);
    long byCategory = 0;
    for (JsonNode cut : dwc.get("byCategory")) {
      byCategory += cut.get("received").asLong();
    }
    assertThat(byCategory).isEqualTo(received);
    assertThat(dwc.at("/byCommune/0/key").asText()).isEqualTo("05740");
    assertThat(dwc.at("/byCommune/0/received").asLong()).isEqualTo(received);
    assertThat(dwc.get("byCategory").findValuesAsText("key")).contains("COMPLAINT", "SUGGESTION");

    JsonNode own = JSON.readTree(engine("leader1").get("/api/reports/feedback").body());
    assertThat(own.at("/total/received").asLong()).isEqualTo(received);
    JsonNode other = JSON.readTree(engine("leader3").get("/api/reports/feedback").body());
    assertThat(other.at("/total/received").asLong()).as("another commune's leader").isZero();
    assertThat(engine("leader1").get("/api/reports/feedback?commune=05743").body()).contains("\"received\":0");
    assertThat(engine("facilitator1").get("/api/reports/feedback").statusCode()).isEqualTo(404);

    // the dashboard shows the same counts beside the money
    HttpResponse<String> dashboard = org.pcm2.grants.support.PageRequests.get(base(), "/reports/portfolio", "officer1");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    String voice = dashboard.body().substring(dashboard.body().indexOf("id=\"feedback-counts\""));
    assertThat(voice).contains("Khiếu nại / Complaint").contains("<th class=\"n\">" + received + "</th>");
  }

  private String send(FormBrowser browser, Map<String, String> form) {
    browser.get("/feedback");
    HttpResponse<String> received = browser.post("/feedback", form);
    assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
    Matcher reference = REFERENCE.matcher(received.body());
    assertThat(reference.find()).as(received.body()).isTrue();
    return reference.group(1);
  }

  /** The open feedback tasks a person finds through the Tasklist's door, engine-rest. */
  private JsonNode tasks(String user, String reference) throws Exception {
    HttpResponse<String> response = engine(user).get("/engine-rest/task?processInstanceBusinessKey=" + reference);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private long count() {
    return jdbc.sql("SELECT COUNT(*) FROM community_feedback").query(Long.class).single();
  }

  private long resolved() {
    return jdbc.sql("SELECT COUNT(*) FROM community_feedback WHERE status = 'RESOLVED'").query(Long.class).single();
  }

  private ApiClient engine(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
