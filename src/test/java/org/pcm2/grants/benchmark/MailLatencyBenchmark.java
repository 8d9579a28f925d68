package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * being created (the engine's start time of the task) to the SMTP server storing its mail
 * (GreenMail's arrival time, matched by Message-ID), with the default sender settings.
 * Prints the median and the 95th percentile; the target is a median of at most 0.5 s and a
 * 95th percentile of at most 1 s (the sender is woken when the step commits).
 */
class MailLatencyBenchmark extends PostgresIntegrationTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final int PROPOSALS = 40;
  private static final Pattern MESSAGE_ID = Pattern.compile("<pcm2-(\\d+)-[0-9a-f]+@.+>");

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
    int answered = 0;
    int refused = 0;
    for (String group : groups) {
      HttpResponse<String> created = facilitator.submitProposal(
          json.writeValueAsString(Proposals.valid(group, "Đo độ trễ thư " + group)));
      if (created.statusCode() == 201) {
        answered++;
      } else {
        refused++;
      }
    }
    assertThat(refused).as("refused proposals").isZero();
    await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'TASK_CREATED' AND status = 'PENDING'").query(Long.class)
        .single() == 0);
    // When each task was created, by the outbox row its mail came from.
    Map<Long, Long> createdByRow = new HashMap<>();
    jdbc.sql("""
        SELECT m.id, t.start_time_ FROM mail_outbox m
        JOIN act_hi_taskinst t ON m.dedupe_key LIKE 'task:' || t.id_ || ':%'
        WHERE m.kind = 'TASK_CREATED'
        """).query((rs, i) -> createdByRow.put(rs.getLong(1), rs.getTimestamp(2).getTime())).list();
    // From then to the moment the SMTP server stored the mail, matched by its Message-ID
    // <pcm2-ROW-HASH@domain>; a mail that arrived twice counts twice.
    List<Long> millis = new ArrayList<>();
    for (StoredMessage message : SMTP.getManagers().getImapHostManager().getAllMessages()) {
      Matcher id = MESSAGE_ID.matcher(message.getMimeMessage().getMessageID());
      assertThat(id.matches()).as(message.getMimeMessage().getMessageID()).isTrue();
      Long created = createdByRow.get(Long.parseLong(id.group(1)));
      if (created != null) {
        millis.add(message.getReceivedDate().getTime() - created);
      }
    }
    millis.sort(null);
    assertThat(millis).as("a mail for every task created").hasSize(createdByRow.size()).isNotEmpty();
    long median = millis.get(millis.size() / 2);
    long p95 = millis.get((int) Math.ceil(millis.size() * 0.95) - 1);
    System.out.printf("%nMAIL LATENCY (task created -> stored by the SMTP server), %d mails of %d tasks"
        + " (%d proposals answered, %d refused):%n  median %d ms, p95 %d ms, max %d ms (target: median <= 500 ms, p95 <= 1000 ms)%n%n",
        millis.size(), createdByRow.size(), answered, refused, median, p95, millis.get(millis.size() - 1));
  }
}
