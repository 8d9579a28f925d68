package org.pcm2.grants.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator's metrics move with what happens: a proposal adds a sub-project in review, a
 * step past its due date counts as overdue, a mail the server refuses is parked as FAILED
 * (the alert "MailParkedAsFailed" reads it), and the database reports itself up.
 */
class BusinessMetricsIT extends PostgresIntegrationTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
      .withPerMethodLifecycle(false);

  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("pcm.mail.enabled", () -> "true");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("pcm.mail.poll-interval", () -> "PT0.2S");
    registry.add("pcm.mail.max-attempts", () -> "1");
    registry.add("pcm.metrics.fresh-for", () -> "PT0S");
  }

  @LocalServerPort
  private int port;
  @LocalManagementPort
  private int managementPort;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private TaskService tasks;
  @Autowired
  private IdentityService identity;

  @Test
  void theMetricsMoveWhenAProposalArrivesAStepGoesOverdueAndAMailIsParked() throws Exception {
    assertThat(metric("pcm_database_up")).isEqualTo(1);
    double inReview = metric("pcm_subprojects{stage=\"IN_REVIEW\"}");
    double overdue = metric("pcm_tasks_overdue");
    double failed = metric("pcm_mail_outbox_messages{status=\"FAILED\"}");

    User leader2 = identity.createUserQuery().userId("leader2").singleResult();
    String address = leader2.getEmail();
    leader2.setEmail("leader2@@example.org");
    identity.saveUser(leader2);
    try {
      HttpResponse<String> created = new ApiClient("http://localhost:" + port, "facilitator1", "demo")
          .submitProposal(JSON.writeValueAsString(Proposals.valid("CBG0574004", "Đo các chỉ số")));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String code = JSON.readTree(created.body()).get("code").asText();
      assertThat(metric("pcm_subprojects{stage=\"IN_REVIEW\"}")).isEqualTo(inReview + 1);

      // the server refuses leader2's address: after its one attempt the mail is parked
      await().atMost(Duration.ofSeconds(30)).until(() -> metric("pcm_mail_outbox_messages{status=\"FAILED\"}")
          == failed + 1);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status = 'FAILED' AND subproject_code = ?")
          .param(code).query(Long.class).single()).isOne();

      String review = jdbc.sql("SELECT t.id_ FROM act_ru_task t JOIN subproject s ON s.process_instance_id ="
          + " t.proc_inst_id_ WHERE s.code = ?").param(code).query(String.class).single();
      assertThat(metric("pcm_tasks_overdue")).isEqualTo(overdue);
      tasks.setDueDate(review, new Date(System.currentTimeMillis() - 86_400_000L));
      assertThat(metric("pcm_tasks_overdue")).isEqualTo(overdue + 1);
      assertThat(metric("pcm_mail_outbox_oldest_waiting_seconds")).isGreaterThanOrEqualTo(0);
    } finally {
      leader2.setEmail(address);
      identity.saveUser(leader2);
    }
  }

  @Test
  void theRequestsAreMeasuredButNotEachSecurityFilter() throws Exception {
    assertThat(new ApiClient("http://localhost:" + port, "facilitator1", "demo").get("/api/subprojects").statusCode())
        .isEqualTo(200);
    assertThat(metric("http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"GET\","
        + "outcome=\"SUCCESS\",status=\"200\",uri=\"/api/subprojects\"}")).isPositive();
    assertThat(page().lines().filter(line -> line.startsWith("spring_security_"))).isEmpty();
  }

  /** One sample of the Prometheus page, by its name and labels as the page writes them. */
  private double metric(String sample) {
    String page = page();
    String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
    String labels = sample.contains("{") ? sample.substring(sample.indexOf('{') + 1, sample.length() - 1) : "";
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{([^}]*)\\})? (\\S+)$").matcher(page);
    while (line.find()) {
      String found = line.group(2) == null ? "" : line.group(2);
      if (labels.isEmpty() || found.contains(labels)) {
        return Double.parseDouble(line.group(3));
      }
    }
    throw new AssertionError(sample + " is not on the page: " + page.substring(0, Math.min(page.length(), 300))
        + "\n" + page.lines().filter(l -> l.startsWith("pcm_")).reduce("", (a, b) -> a + b + "\n"));
  }
  private String page() {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          "http://localhost:" + managementPort + "/actuator/prometheus")).header("Accept", "text/plain").build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

}
