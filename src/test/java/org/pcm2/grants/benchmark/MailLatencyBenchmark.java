package org.pcm2.grants.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.util.List;
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

/**
 * Benchmark, not a test (run with {@code ./mvnw -Pbenchmark verify}): the time from a task
 * being created to the SMTP server accepting its mail, with the default sender settings.
 * Prints the median and the 95th percentile; the target is a median of at most 5 s.
 */
class MailLatencyBenchmark extends PostgresIntegrationTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final int PROPOSALS = 40;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("pcm.mail.enabled", () -> "true");
    registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
  }

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  @Test
  void taskCreatedToMailAccepted() throws Exception {
    ApiClient facilitator = new ApiClient("http://localhost:" + port, "facilitator2", "demo");
    ObjectMapper json = new ObjectMapper();
    List<String> groups = jdbc.sql("SELECT code FROM community_group WHERE facilitator_id = 'facilitator2' "
        + "AND kind = 'CBG' ORDER BY code LIMIT " + PROPOSALS).query(String.class).list();
    for (String group : groups) {
      facilitator.postJson("/api/subprojects", json.writeValueAsString(Proposals.valid(group, "Đo độ trễ thư " + group)));
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'TASK_CREATED' AND status = 'PENDING'").query(Long.class)
        .single() == 0);
    List<Long> millis = jdbc.sql("""
        SELECT m.sent_at, t.start_time_ FROM mail_outbox m
        JOIN act_hi_taskinst t ON m.dedupe_key LIKE 'task:' || t.id_ || ':%'
        WHERE m.kind = 'TASK_CREATED' AND m.status = 'SENT'
        """).query((rs, i) -> rs.getTimestamp(1).getTime() - rs.getTimestamp(2).getTime()).list()
        .stream().sorted().toList();
    long median = millis.get(millis.size() / 2);
    long p95 = millis.get((int) Math.ceil(millis.size() * 0.95) - 1);
    System.out.printf("%nMAIL LATENCY (task created -> SMTP accepted), %d mails of %d tasks:%n"
        + "  median %d ms, p95 %d ms, max %d ms (target: median <= 5000 ms)%n%n",
        millis.size(), groups.size(), median, p95, millis.get(millis.size() - 1));
  }
}
