package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.RequiresPostgres;

/**
 * Fault drill: the mail server is down for a minute ({@code -Ddrill.smtp-outage-seconds},
 * 60) while 10 clients submit proposals, commune leaders endorse them and DWC officers
 * approve them on the packaged application, then back on the same address. The work goes
 * on without it (no step waits for mail; {@link DrillChecks#afterDrill} holds); the mails of
 * the outage wait in the outbox, none loses an attempt or is parked as failed; once the
 * server is back every mail is delivered within seconds, and every mail the acknowledged
 * steps caused, worked out from the steps, arrived under exactly one Message-ID (a mail the
 * server took as it stopped is sent again under the same one).
 */
@ExtendWith(RequiresPostgres.class)
class SmtpOutageDrillIT {

  private static final String DATABASE = "pcm_drill_smtp";
  private static final String TITLE = "Mất thư ";

  @Test
  void everyMailOfTheOutageIsDeliveredOnceTheServerIsBack() throws Exception {
    int outage = Integer.getInteger("drill.smtp-outage-seconds", 60);
    GreenMail smtp = DrillSetup.startSmtp();
    int port = smtp.getSmtp().getPort();
    String url = PostgresDatabase.freshDatabase(DATABASE);
    Map<String, String> settings = DrillSetup.settings(url, smtp);
    DrillLoad.Outcomes outcomes = new DrillLoad.Outcomes();
    List<MimeMessage> received = new ArrayList<>();
    try (ApplicationProcess app = new ApplicationProcess("smtp-outage", List.of("-Xmx384m"), settings).start();
        Connection db = DriverManager.getConnection(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
        Statement sql = db.createStatement()) {
      app.awaitReady(Duration.ofSeconds(120));
      Queue<DrillLoad.Slot> slots = DrillLoad.openCycles(app.baseUrl(), "DRILL-SMTP", 15);
      DrillLoad load = DrillLoad.start(List.of(app.baseUrl()), slots, 5, 3, 2, "smtp-", TITLE, Duration.ofSeconds(1),
          outcomes);
      // the server works before the outage, and every kind of step has been taken
      await().atMost(Duration.ofSeconds(180)).until(() -> outcomes.approved.size() >= 1
          && smtp.getReceivedMessages().length >= 5);
      int submittedBefore = outcomes.submitted.size();
      int endorsedBefore = outcomes.endorsed.size();
      int approvedBefore = outcomes.approved.size();
      smtp.getSmtp().stopService(); // the server goes away; what it received stays readable
      received.addAll(Arrays.asList(smtp.getReceivedMessages()));
      int receivedBefore = received.size();
      Thread.sleep(outage * 1000L);
      int submittedDuringOutage = outcomes.submitted.size() - submittedBefore;
      int endorsedDuringOutage = outcomes.endorsed.size() - endorsedBefore;
      int approvedDuringOutage = outcomes.approved.size() - approvedBefore;
      long waiting = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'");
      long attemptsLost = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status <> 'SENT'"
          + " AND attempts > 0");
      long parked = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'FAILED'");
      long lastOfOutage = DrillChecks.count(sql, "SELECT COALESCE(MAX(id), 0) FROM mail_outbox");
      GreenMail back = DrillSetup.startSmtp(port);
      long backAt = System.nanoTime();
      try {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> DrillChecks.count(sql,
            "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING' AND id <= " + lastOfOutage) == 0);
        double drained = (System.nanoTime() - backAt) / 1e9;
        load.stop();
        await().atMost(Duration.ofSeconds(120)).until(() -> DrillChecks.count(sql,
            "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'") == 0);
        DrillChecks.afterDrill(sql, outcomes, TITLE, app.logFile().toPath());
        assertThat(submittedDuringOutage).as("submissions while the mail server was down").isPositive();
        assertThat(endorsedDuringOutage).as("endorsements while the mail server was down").isPositive();
        assertThat(approvedDuringOutage).as("approvals while the mail server was down").isPositive();
        assertThat(waiting).as("mails waiting at the end of the outage").isPositive();
        assertThat(attemptsLost).as("mails that lost an attempt to the outage").isZero();
        assertThat(parked).as("mails parked as failed during the outage").isZero();
        assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status <> 'SENT'")).isZero();
        // what the acknowledged steps caused, before and after the outage, arrived once each
        List<DrillChecks.ExpectedMail> expected = DrillChecks.expectedMails(outcomes);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          List<MimeMessage> all = new ArrayList<>(received);
          all.addAll(Arrays.asList(back.getReceivedMessages()));
          DrillChecks.everyExpectedMailReceivedOnce(expected, all.toArray(MimeMessage[]::new));
        });
        received.addAll(Arrays.asList(back.getReceivedMessages()));
        long copies = received.size() - received.stream().map(DrillChecks::messageId).distinct().count();
        System.out.printf(Locale.ROOT, "%nSMTP OUTAGE DRILL (%d s without a mail server, 10 clients): %d submissions,"
            + " %d endorsements and %d approvals during the outage; %d mails waiting when the server came back, none"
            + " lost an attempt or was parked; all delivered %.1f s after it was back; the %d mails the acknowledged"
            + " steps caused received once each; %d messages received (%d before the outage), %d of them a second"
            + " copy of a mail the server took as it stopped (same Message-ID); %s%n%n", outage,
            submittedDuringOutage, endorsedDuringOutage, approvedDuringOutage, waiting, drained, expected.size(),
            received.size(), receivedBefore, copies, outcomes);
      } finally {
        back.stop();
      }
    } finally {
      smtp.stop();
    }
  }
}
