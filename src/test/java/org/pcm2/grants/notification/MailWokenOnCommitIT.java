package org.pcm2.grants.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
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
 * The sender goes when the step that added mail commits, not at its next poll: with a poll
 * an hour apart (which has run once, at start-up), a new review task's mail reaches the SMTP
 * server within seconds; a refused step adds no mail and wakes nothing.
 */
class MailWokenOnCommitIT extends PostgresIntegrationTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("pcm.mail.enabled", () -> "true");
    registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
    registry.add("pcm.mail.poll-interval", () -> "PT1H");
  }

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  @Test
  void aStepsMailGoesWhenItCommitsWithoutWaitingForThePoll() throws Exception {
    ApiClient facilitator = new ApiClient("http://localhost:" + port, "facilitator1", "demo");
    // the poll at start-up has had the demo's mail sent or logged already: nothing else would send it within the hour
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status ="
        + " 'PENDING' AND next_attempt_at <= CURRENT_TIMESTAMP").query(Long.class).single() == 0);
    int before = SMTP.getReceivedMessages().length;

    long outbox = jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single();
    var refused = facilitator.submitProposal(JSON.writeValueAsString(java.util.Map.of("title", "x")));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single()).isEqualTo(outbox);

    long started = System.nanoTime();
    var response = facilitator.submitProposal(JSON.writeValueAsString(Proposals.valid("CBG0574004",
        "Đường nội đồng xóm Phú Thịnh")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String code = JSON.readTree(response.body()).get("code").asText();
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
        "SELECT COUNT(*) FROM mail_outbox WHERE subproject_code = ? AND status = 'SENT'").param(code)
        .query(Long.class).single() == 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> SMTP.getReceivedMessages().length == before + 2);
    System.out.printf("Review task mails of %s accepted by the SMTP server %.0f ms after the proposal was sent%n",
        code, (System.nanoTime() - started) / 1e6);
  }
}
