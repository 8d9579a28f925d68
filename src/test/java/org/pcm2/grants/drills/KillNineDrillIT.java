package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.RequiresPostgres;

/**
 * Fault drill: the packaged application is killed with {@code kill -9} while 20 clients
 * submit proposals, commune leaders endorse them and DWC officers race to approve them
 * against envelopes of one grant each, then started again on the same database. It is
 * killed once endorsements and approvals are under way ({@code -Ddrill.seconds} later, 10
 * by default) and with mail waiting in the outbox. Afterwards {@link DrillChecks#afterDrill}
 * holds (every acknowledged step there once, nothing twice, envelopes kept), a retry of an
 * acknowledged submission returns the same sub-project, and every mail the acknowledged
 * steps caused is delivered, each under one Message-ID.
 */
@ExtendWith(RequiresPostgres.class)
class KillNineDrillIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = "pcm_drill_kill";
  private static final String TITLE = "Diễn tập ";

  @Test
  void nothingAcknowledgedIsLostWhenTheApplicationIsKilled() throws Exception {
    int seconds = Integer.getInteger("drill.seconds", 10);
    GreenMail smtp = DrillSetup.startSmtp();
    String url = PostgresDatabase.freshDatabase(DATABASE);
    Map<String, String> settings = DrillSetup.settings(url, smtp);
    // mail waits a while in the outbox (the sender goes by its poll only): some is pending at the kill
    settings.put("pcm.mail.poll-interval", "3s");
    settings.put("pcm.mail.wake-on-commit", "false");
    DrillLoad.Outcomes outcomes = new DrillLoad.Outcomes();
    ApplicationProcess first = null;
    try {
      first = new ApplicationProcess("kill-nine-1", List.of("-Xmx384m"), settings).start();
      first.awaitReady(Duration.ofSeconds(120));
      Queue<DrillLoad.Slot> slots = DrillLoad.openCycles(first.baseUrl(), "DRILL-KILL", 10);
      DrillLoad load = DrillLoad.start(List.of(first.baseUrl()), slots, 10, 6, 4, "drill-", TITLE, Duration.ZERO,
          outcomes);
      // kill while every kind of step is under way: endorsements, approvals and envelope refusals seen
      await().atMost(Duration.ofSeconds(180)).until(() -> outcomes.endorsed.size() >= 3
          && outcomes.approved.size() >= 1 && !outcomes.envelopeRefused.isEmpty());
      Thread.sleep(seconds * 1000L);
      outcomes.killed.set(true);
      first.kill();
      int submittedAtKill = outcomes.submitted.size();
      int endorsedAtKill = outcomes.endorsed.size();
      int approvedAtKill = outcomes.approved.size();
      long pendingAtKill;
      try (Connection db = DriverManager.getConnection(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
          Statement sql = db.createStatement()) {
        pendingAtKill = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'");
      }
      load.stop();
      assertThat(pendingAtKill).as("mails waiting in the outbox at the kill").isPositive();

      try (ApplicationProcess second = new ApplicationProcess("kill-nine-2", List.of("-Xmx384m"), settings).start()) {
        double restart = second.awaitReady(Duration.ofSeconds(120));
        ApiClient facilitator = new ApiClient(second.baseUrl(), "facilitator1", "demo");
        // a retry of an acknowledged submission returns the same sub-project
        for (Map.Entry<String, String> entry : outcomes.submitted.entrySet()) {
          DrillLoad.Slot slot = outcomes.slotOf.get(entry.getKey());
          Map<String, Object> proposal = Proposals.valid(slot.group().code(), TITLE + entry.getKey());
          proposal.put("cycleCode", slot.cycle());
          HttpResponse<String> retry = new ApiClient(second.baseUrl(), slot.group().facilitator(), "demo").postJson(
              "/api/subprojects", JSON.writeValueAsString(proposal), "Idempotency-Key", entry.getKey());
          assertThat(retry.statusCode()).as("retry of %s", entry.getKey()).isEqualTo(200);
          assertThat(JSON.readTree(retry.body()).get("code").asText()).isEqualTo(entry.getValue());
        }
        assertThat(facilitator.get("/api/subprojects?limit=1").statusCode()).isEqualTo(200);
        try (Connection db = DriverManager.getConnection(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
            Statement sql = db.createStatement()) {
          await().atMost(Duration.ofSeconds(120)).until(() -> DrillChecks.count(sql,
              "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'") == 0);
          assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'FAILED'")).isZero();
          List<DrillChecks.ExpectedMail> expected = DrillChecks.expectedMails(outcomes);
          await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> DrillChecks.everyExpectedMailReceivedOnce(
              expected, smtp.getReceivedMessages()));
          DrillChecks.afterDrill(sql, outcomes, TITLE, second.logFile().toPath());
          System.out.printf(Locale.ROOT, "%nKILL -9 DRILL (20 clients, killed %d s after endorsements, approvals and"
              + " an envelope refusal were seen): %d submissions, %d endorsements and %d approvals acknowledged"
              + " before the kill, %d calls left without an answer by it, %d mails pending at it; all present"
              + " once after the restart (ready again in %.1f s); %d sub-projects refused for a spent envelope;"
              + " ledger and envelopes agree; the %d mails the acknowledged steps caused received once each"
              + " (%d messages received in all); %s%n%n", seconds, submittedAtKill, endorsedAtKill, approvedAtKill,
              outcomes.failuresAfterKill.get(), pendingAtKill, restart, outcomes.envelopeRefused.size(),
              expected.size(), smtp.getReceivedMessages().length, outcomes);
        }
      }
    } finally {
      if (first != null) {
        first.close(); // already killed, unless the drill failed before the kill
      }
      smtp.stop();
    }
  }
}
