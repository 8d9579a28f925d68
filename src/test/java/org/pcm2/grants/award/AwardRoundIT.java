package org.pcm2.grants.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.TasklistBrowser;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An award round on PostgreSQL over the demo cycle's sub-projects, which the demo runs
 * through the whole grant cycle at start-up: they are the candidates; two officers
 * saving at once never exceed the budget; wrong awards are refused; the officer, the
 * director and finance finish the round through the Tasklist's API; the ledger holds the
 * payments and the winners' leaders get mail through a real SMTP server; the dashboard, in
 * headless Chromium, shows DWC the cycle and its awards and a leader their own commune.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwardRoundIT extends PostgresIntegrationTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final String ROUND = "XT-CM-2026-1-01";
  private static final long BUDGET = 20_000_000L;

  @DynamicPropertySource
  static void demoCyclesAndMail(DynamicPropertyRegistry registry) {
    registry.add("pcm.demo.sample-cycles", () -> "true");
    registry.add("pcm.mail.enabled", () -> "true");
    registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
    registry.add("pcm.mail.poll-interval", () -> "PT0.2S");
  }

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  @Test
  @Order(1)
  void closedSubprojectsOfTheDemoCycleAreTheCandidatesWithTheirProposedTiers() {
    List<String> closed = jdbc.sql("""
        SELECT code FROM subproject WHERE cycle_code = 'CM-2026-1' AND stage = 'CLOSED' AND evaluation_score IS NOT NULL
        ORDER BY evaluation_score DESC""").query(String.class).list();
    assertThat(closed).hasSize(4);

    HttpResponse<String> started = login("officer1").post("/process-definition/key/awardRound/submit-form",
        Map.of("variables", WebappSession.typed(Map.of("cycleCode", "CM-2026-1", "budget", BUDGET,
            "roundNote", "Khen thưởng cuối năm"))));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    assertThat(WebappSession.parse(started.body()).get("businessKey").asText()).isEqualTo(ROUND);

    JsonNode round = json(api("officer1").get("/api/award-rounds/" + ROUND));
    assertThat(round.at("/round/budget").asLong()).isEqualTo(BUDGET);
    assertThat(round.at("/round/status").asText()).isEqualTo("SELECTING");
    List<String> codes = new ArrayList<>();
    List<String> tiers = new ArrayList<>();
    round.get("awards").forEach(a -> {
      codes.add(a.get("subprojectCode").asText());
      tiers.add(a.get("proposedTier").asText() + ":" + a.get("proposedAmount").asLong());
    });
    assertThat(codes).isEqualTo(closed);
    assertThat(tiers).containsExactly("A:10000000", "B:7000000", "C:4000000", "NONE:0");
    assertThat(round.at("/awards/0/evaluationScore").asDouble()).isEqualTo(96.0);
    assertThat(round.at("/awards/0/communeName").asText()).isEqualTo("Xã Hoàng Nông");
    assertThat(json(api("officer1").get("/api/award-rounds?cycle=CM-2026-1"))).hasSize(1);
  }

  @Test
  @Order(2)
  void twoOfficersSavingAtOnceNeverExceedTheBudget() throws Exception {
    List<String> codes = candidates();
    // each of the four candidates is given 7 million twice, by two officers at once: 28 million
    // asked for against 20, so only two candidates can hold it
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String code = codes.get(i % 4);
      ApiClient officer = api(i % 2 == 0 ? "officer1" : "officer2");
      answers.add(pool.submit((Callable<HttpResponse<String>>) () ->
          officer.putJson("/api/award-rounds/" + ROUND + "/awards/" + code, "{\"amount\":7000000}")));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get();
      statuses.add(response.statusCode());
      if (response.statusCode() == 400) {
        assertThat(response.body()).contains("vượt ngân sách");
      }
    }
    pool.shutdown();

    long selected = jdbc.sql("SELECT selected FROM award_round WHERE code = ?").param(ROUND).query(Long.class).single();
    long sum = jdbc.sql("SELECT SUM(amount) FROM award WHERE round_code = ?").param(ROUND).query(Long.class).single();
    long holders = jdbc.sql("SELECT COUNT(*) FROM award WHERE round_code = ? AND amount = 7000000").param(ROUND)
        .query(Long.class).single();
    assertThat(statuses).containsOnly(200, 400).contains(400);
    assertThat(holders).isEqualTo(2);
    assertThat(selected).isEqualTo(sum).isEqualTo(14_000_000L).isLessThanOrEqualTo(BUDGET);
  }

  @Test
  @Order(3)
  void wrongAwardsAreRefusedNamingThemAndNothingChanges() {
    String first = candidates().get(0);
    ApiClient officer = api("officer1");
    assertRefused(officer.putJson("/api/award-rounds/" + ROUND + "/awards/" + first, "{\"amount\":-1}"),
        first + ": số tiền thưởng không được âm");
    assertRefused(officer.putJson("/api/award-rounds/" + ROUND + "/awards/TDA-2026-19120-001", "{\"amount\":1000}"),
        "TDA-2026-19120-001 không phải ứng viên của đợt " + ROUND);
    assertRefused(officer.putJson("/api/award-rounds/" + ROUND + "/awards/" + first, "{\"amount\":21000000}"),
        "vượt ngân sách 20.000.000 ₫");
    assertRefused(officer.putJson("/api/award-rounds/" + ROUND + "/awards/" + first, "{}"), "amount");
    assertThat(api("finance1").putJson("/api/award-rounds/" + ROUND + "/awards/" + first, "{\"amount\":1}")
        .statusCode()).isEqualTo(404);
    assertThat(api("leader1").get("/api/award-rounds/" + ROUND).statusCode()).isEqualTo(404);
    assertThat(jdbc.sql("SELECT selected FROM award_round WHERE code = ?").param(ROUND).query(Long.class).single())
        .isEqualTo(14_000_000L);
  }

  @Test
  @Order(4)
  void officerDirectorAndFinanceFinishTheRoundAndTheWinnersLeadersGetMail() {
    List<String> codes = candidates();
    WebappSession officer = login("officer1");
    String selectionTask = taskOf(officer, "UserTask_SelectWinners");
    String saved = officer.get("/task/" + selectionTask + "/form-variables").at("/awardSelection/value").asText();
    assertThat(saved.lines().filter(l -> l.contains("= 7.000.000")).count()).isEqualTo(2); // what the API saved
    String selection = codes.get(0) + " = 10.000.000\n" + codes.get(1) + " = 7.000.000\n" + codes.get(2)
        + " = 3.000.000\n" + codes.get(3) + " = 0\n";
    submit(officer, selectionTask, Map.of("awardSelection", selection, "selectionComment", "Theo xếp hạng"));

    WebappSession director = login("director1");
    submit(director, taskOf(director, "UserTask_ApproveAwardList"), Map.of("awardListDecision", "APPROVE"));
    assertThat(api("officer1").putJson("/api/award-rounds/" + ROUND + "/awards/" + codes.get(3), "{\"amount\":1}")
        .statusCode()).isEqualTo(409);

    WebappSession finance = login("finance1");
    JsonNode payments = finance.get("/task?processInstanceBusinessKey=" + ROUND + "&taskDefinitionKey=UserTask_PayAward");
    assertThat(payments).hasSize(3);
    for (JsonNode payment : payments) {
      String id = payment.get("id").asText();
      assertThat(payment.get("name").asText()).startsWith("Chi trả thưởng TDA-2026-");
      assertThat(finance.post("/task/" + id + "/claim", Map.of("userId", "finance1")).statusCode()).isEqualTo(204);
      submit(finance, id, Map.of("awardPaymentDate", LocalDate.now().toString(), "awardPaymentReference",
          "UNC-THUONG-" + id.substring(0, 8)));
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(jdbc.sql(
        "SELECT status FROM award_round WHERE code = ?").param(ROUND).query(String.class).single()));
    assertThat(jdbc.sql("SELECT paid FROM award_round WHERE code = ?").param(ROUND).query(Long.class).single())
        .isEqualTo(BUDGET);
    assertThat(jdbc.sql("""
        SELECT subproject_code || ':' || fund_code || ':' || amount || ':' || actor FROM ledger_entry
        WHERE kind = 'AWARD' AND award_round_code = ? ORDER BY amount DESC""").param(ROUND).query(String.class).list())
        .containsExactly(codes.get(0) + ":REWARD:10000000:finance1", codes.get(1) + ":REWARD:7000000:finance1",
            codes.get(2) + ":REWARD:3000000:finance1");
    assertThat(jdbc.sql("SELECT actor || ':' || outcome FROM decision_log WHERE subproject_code = ? ORDER BY id")
        .param(ROUND).query(String.class).list()).containsExactly("officer1:SELECTED", "director1:APPROVE");

    // the winners' commune leaders hear of the award, in Vietnamese: Hoàng Nông for two, La Bằng for one
    String laBang = codes.get(2);
    await().atMost(Duration.ofSeconds(30)).until(() -> subjects("leader3@example.org").contains(
        "[PCM2] Đã chuyển tiền thưởng: " + laBang));
    assertThat(subjects("leader3@example.org")).contains("[PCM2] Chúc mừng: " + laBang + " được khen thưởng");
    await().atMost(Duration.ofSeconds(30)).until(() -> subjects("leader1@example.org").containsAll(List.of(
        "[PCM2] Chúc mừng: " + codes.get(0) + " được khen thưởng",
        "[PCM2] Chúc mừng: " + codes.get(1) + " được khen thưởng")));
    assertThat(subjects("leader1@example.org")).doesNotContain("[PCM2] Chúc mừng: " + codes.get(3)
        + " được khen thưởng");
    await().atMost(Duration.ofSeconds(30)).until(() -> subjects("officer2@example.org")
        .contains("[PCM2] Đợt xét thưởng " + ROUND + " đã kết thúc"));
  }

  @Test
  @Order(5)
  void theDashboardShowsTheDemoCyclesAndTheRoundsAwardsInABrowser() {
    TasklistBrowser.requireInstalled();
    String base = "http://localhost:" + port;
    // Worked out by hand from the demo's four samples, not from the tables the dashboard reads:
    // grants 15 + 12 + 14 + 8 million, each paid in one tranche (at most 15 million);
    // scores weighted 30/25/20/15/10 and divided by 5: (5,5,4,5,5) 96, (5,4,4,4,4) 86,
    // (4,4,4,3,3) 75, (3,3,3,3,3) 60, a mean of 317 / 4 = 79.25, shown as 79,3.
    long subprojects = 4;
    long disbursed = 15_000_000L + 12_000_000L + 14_000_000L + 8_000_000L;
    String score = "79,3";
    try (TasklistBrowser officer = new TasklistBrowser(base).login("officer1")) {
      officer.open("/reports/portfolio?cycle=CM-2026-1&groupBy=commune");
      officer.waitFor("#charts[data-drawn='true']");
      assertThat(officer.texts("section.cards > div")).contains(
          subprojects + " tiểu dự án sub-projects",
          dong(disbursed) + " ₫ đã giải ngân disbursed",
          score + " điểm đánh giá TB average score",
          "3 giải thưởng, " + dong(BUDGET) + " ₫ awards");
      assertThat(officer.text()).contains("Xã Hoàng Nông", "Xã La Bằng", "Tổng cộng / Total");
      String csv = officer.fetch(officer.waitFor("#csv-comma").getAttribute("href"));
      assertThat(csv).startsWith("200 text/csv").contains("Xã / Commune,", "Xã La Bằng,", "Tổng cộng / Total");
      officer.fullScreenshot("10-dashboard-demo-cycles-and-award-round");
    }
    try (TasklistBrowser leader = new TasklistBrowser(base).login("leader3")) {
      leader.open("/reports/portfolio?cycle=CM-2026-1&groupBy=commune");
      leader.waitFor("#charts[data-drawn='true']");
      assertThat(leader.text()).contains("Xã La Bằng", "Lãnh đạo xã: xã của mình").doesNotContain("Xã Hoàng Nông");
      assertThat(leader.texts("section.cards > div")).contains("1 tiểu dự án sub-projects",
          dong(14_000_000L) + " ₫ đã giải ngân disbursed", "1 giải thưởng, " + dong(3_000_000L) + " ₫ awards");
      leader.fullScreenshot("11-dashboard-leader-own-commune");
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String dong(long amount) {
    return String.format(Locale.GERMANY, "%,d", amount);
  }

  private List<String> candidates() {
    return jdbc.sql("SELECT subproject_code FROM award WHERE round_code = ? ORDER BY rank_no").param(ROUND)
        .query(String.class).list();
  }

  private List<String> subjects(String address) {
    return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
      try {
        return address.equals(m.getAllRecipients()[0].toString());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).map(AwardRoundIT::subject).toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String taskOf(WebappSession session, String taskKey) {
    JsonNode tasks = session.get("/task?processInstanceBusinessKey=" + ROUND + "&taskDefinitionKey=" + taskKey);
    assertThat(tasks).hasSize(1);
    return tasks.get(0).get("id").asText();
  }

  private static void submit(WebappSession session, String taskId, Map<String, Object> variables) {
    HttpResponse<String> response = session.post("/task/" + taskId + "/submit-form",
        Map.of("variables", WebappSession.typed(variables)));
    assertThat(response.statusCode()).as(response.body()).isIn(200, 204);
  }

  private static void assertRefused(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(message);
  }

  private static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return WebappSession.parse(response.body());
  }

  private WebappSession login(String user) {
    return WebappSession.login("http://localhost:" + port, user, "demo");
  }

  private ApiClient api(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }
}
