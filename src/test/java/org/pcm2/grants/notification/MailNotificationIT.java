package org.pcm2.grants.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Mail through a real SMTP server (GreenMail): content, one per person and task, outage, refusal. */
class MailNotificationIT extends PostgresIntegrationTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("pcm.mail.enabled", () -> "true");
    registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
    registry.add("pcm.mail.poll-interval", () -> "PT0.2S");
    registry.add("pcm.mail.first-backoff", () -> "PT1S");
    registry.add("pcm.mail.max-attempts", () -> "3");
  }

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private MailSenderJob sender;
  @Autowired
  private IdentityService identity;

  @Test
  void newReviewTaskMailsEachLeaderOfTheCommuneOnceInVietnamese() throws Exception {
    String code = submit("CBG0574001");
    String taskId = JSON.readTree(api("facilitator1").get("/api/subprojects/" + code).body())
        .at("/openTasks/0/id").asText();

    await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length >= 2);
    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(Arrays.stream(mails).map(this::to)).containsExactlyInAnyOrder("leader1@example.org",
        "leader2@example.org");
    MimeMessage mail = mails[0];
    assertThat(mail.getSubject()).isEqualTo("[PCM2] Việc mới cần xử lý: " + code + " – Đề xuất của nhóm CBG0574001");
    assertThat(mail.getContentType()).startsWith("multipart/");
    // the outbox row's own Message-ID: sent again, it would show once
    assertThat(mail.getMessageID()).matches("<pcm2-\\d+-[0-9a-f]{12}@pcm2\\.example\\.org>");
    assertThat(GreenMailUtil.getBody(mail)).isNotEmpty();
    String text = text(mail);
    assertThat(text).contains("Xã Hoàng Nông").contains("15.000.000 ₫").contains("Xã xem xét đề xuất")
        .contains("http://localhost:8080/camunda/app/tasklist/default/#/?task=" + taskId);

    // leader1 claims and endorses: no mail about their own claim; the DWC officers are told of the appraisal
    assertThat(api("leader1").postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
        "{\"reviewDecision\":\"ENDORSE\"}").statusCode()).isEqualTo(204);
    await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length >= 5);
    // and nothing more arrives
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> SMTP.getReceivedMessages().length == 5);
    assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(this::to)).containsExactlyInAnyOrder(
        "leader1@example.org", "leader2@example.org", "officer1@example.org", "officer2@example.org",
        "facilitator1@example.org");
  }

  @Test
  void mailServerDownDelaysMailButNeverTheStepAndNothingIsLostOrDoubled() throws Exception {
    SMTP.stop();
    String code = submit("CBG0574002");
    assertThat(JSON.readTree(api("facilitator1").get("/api/subprojects/" + code).body()).at("/subproject/stage")
        .asText()).isEqualTo("IN_REVIEW");
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE subproject_code = ? AND last_error IS NOT NULL").param(code)
        .query(Long.class).single() > 0);
    // far longer than 3 attempts with 1 s and 2 s pauses: a server away costs no mail an attempt, none is parked
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE subproject_code = ? AND status = 'PENDING' AND attempts = 0")
        .param(code).query(Long.class).single() == 2);

    SMTP.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE subproject_code = ? AND status = 'SENT'").param(code)
        .query(Long.class).single() == 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length == 2);
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> SMTP.getReceivedMessages().length == 2);
    assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(this::to)).containsExactlyInAnyOrder(
        "leader1@example.org", "leader2@example.org");
  }

  @Test
  void aMailTheServerRefusesIsParkedForTheAdministratorWhoCorrectsTheAddressAndRetriesIt() throws Exception {
    User leader2 = identity.createUserQuery().userId("leader2").singleResult();
    String address = leader2.getEmail();
    leader2.setEmail("leader2@@example.org");
    identity.saveUser(leader2);
    try {
      String code = submit("CBG0574003");
      // 3 attempts with 1 s, 2 s pauses, then FAILED; leader1's mail is not held up by it
      await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
          "SELECT COUNT(*) FROM mail_outbox WHERE subproject_code = ? AND status = 'FAILED'").param(code)
          .query(Long.class).single() == 1);
      assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(this::to)).containsExactly("leader1@example.org");
      var parked = JSON.readTree(api("admin").get("/api/admin/mail?status=FAILED").body());
      assertThat(parked.findValuesAsText("subprojectCode")).contains(code);
      assertThat(parked.findValuesAsText("lastError")).anyMatch(error -> error.contains("leader2@@example.org"));
      assertThat(api("officer1").get("/api/admin/mail").statusCode()).isEqualTo(404);

      leader2.setEmail(address);
      identity.saveUser(leader2);
      for (var mail : parked) {
        if (mail.get("subprojectCode").asText().equals(code)) {
          assertThat(api("admin").postJson("/api/admin/mail/" + mail.get("id").asLong() + "/retry", "").statusCode())
              .isEqualTo(202);
        }
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.getReceivedMessages().length == 2);
      assertThat(Arrays.stream(SMTP.getReceivedMessages()).map(this::to)).containsExactlyInAnyOrder(
          "leader1@example.org", "leader2@example.org");
    } finally {
      leader2.setEmail(address);
      identity.saveUser(leader2);
    }
  }

  @Test
  void englishReadersGetTheirMailInEnglishAndSeveralSendersSendEachMailOnce() throws Exception {
    assertThat(api("officer2").putJson("/api/me/language", "{\"language\":\"en\"}").statusCode()).isEqualTo(204);
    assertThat(api("officer2").putJson("/api/me/language", "{\"language\":\"fr\"}").statusCode()).isEqualTo(400);
    List<String> codes = new java.util.ArrayList<>();
    for (String group : List.of("CBG0574301", "CBG0574302", "CBG0574303", "CBG0574304")) {
      codes.add(submit(group));
    }
    // leader3 endorses all four: four appraisal tasks for officer1 and officer2, sent by three senders at once
    for (String code : codes) {
      assertThat(api("leader3").postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
          "{\"reviewDecision\":\"ENDORSE\"}").statusCode()).isEqualTo(204);
    }
    // three senders released together; each one's failure fails the test
    var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    var start = new java.util.concurrent.CyclicBarrier(3);
    List<java.util.concurrent.Future<?>> senders = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      senders.add(pool.submit(() -> {
        start.await(10, java.util.concurrent.TimeUnit.SECONDS);
        sender.sendDue();
        return null;
      }));
    }
    pool.shutdown();
    for (var each : senders) {
      each.get(30, java.util.concurrent.TimeUnit.SECONDS); // an exception in a sender is thrown here
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING' AND subproject_code IN (?, ?, ?, ?)")
        .params(codes.toArray()).query(Long.class).single() == 0);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> SMTP.getReceivedMessages().length == 16); // 4 × leader3, officer1, officer2, facilitator1
    MimeMessage english = Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> to(m).equals("officer2@example.org")).findFirst().orElseThrow();
    assertThat(english.getSubject()).startsWith("[PCM2] New task: ");
    assertThat(decoded(english)).contains("Open the task in the Tasklist").contains("Dear Vũ Đức Minh");
  }

  @Test
  void facilitatorIsToldOfTheEndorsementAndOfARevisionWithItsReason() throws Exception {
    String code = submit("CBG0574004");
    assertThat(api("leader1").postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
        "{\"reviewDecision\":\"ENDORSE\"}").statusCode()).isEqualTo(204);
    assertThat(api("officer1").postJson("/api/subprojects/" + code + "/tasks/UserTask_AppraiseProposal",
        "{\"appraisalDecision\":\"REVISE\",\"appraisalComment\":\"Tách riêng chi phí vật liệu\"}").statusCode())
        .isEqualTo(204);
    await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> to(m).equals("facilitator1@example.org")).count() == 2);
    List<MimeMessage> toFacilitator = Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> to(m).equals("facilitator1@example.org")).toList();
    assertThat(toFacilitator).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
        "[PCM2] Xã đã nhất trí đề xuất: " + code,
        "[PCM2] Việc được giao cho bạn: " + code + " – Đề xuất của nhóm CBG0574004");
    MimeMessage revision = toFacilitator.stream().filter(m -> subject(m).contains("giao cho bạn")).findFirst()
        .orElseThrow();
    assertThat(decoded(revision)).contains("DWC thẩm định: Tách riêng chi phí vật liệu");
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String submit(String group) throws Exception {
    Map<String, Object> proposal = Proposals.valid(group, "Đề xuất của nhóm " + group);
    var response = api("facilitator1").submitProposal(JSON.writeValueAsString(proposal));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("code").asText();
  }

  private ApiClient api(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }

  private String to(MimeMessage message) {
    try {
      return List.of(message.getAllRecipients()).get(0).toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(MimeMessage message) throws Exception {
    return new String(message.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
        + decoded(message);
  }

  private static String decoded(MimeMessage message) throws Exception {
    Object content = message.getContent();
    StringBuilder out = new StringBuilder();
    collect(content, out);
    return out.toString();
  }

  private static void collect(Object content, StringBuilder out) throws Exception {
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i).getContent(), out);
      }
    } else {
      out.append(content);
    }
  }
}
