package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.RequiresPostgres;

/**
 * Fault drill: the mail server is down for a minute ({@code -Ddrill.smtp-outage-seconds},
 * 60) while 10 clients submit proposals and commune leaders endorse them on the packaged
 * application, then back on the same address. The work goes on without it (no step waits
 * for mail, no 500); the mails of the outage wait in the outbox, none loses an attempt or is
 * parked as failed; once the server is back every mail is delivered within seconds, and
 * what arrived before and after the outage together is exactly what the outbox holds: no
 * mail lost, and a mail the server took as it stopped, sent again, under its one Message-ID.
 */
@ExtendWith(RequiresPostgres.class)
class SmtpOutageDrillIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = "pcm_drill_smtp";

  @Test
  void everyMailOfTheOutageIsDeliveredOnceTheServerIsBack() throws Exception {
    int outage = Integer.getInteger("drill.smtp-outage-seconds", 60);
    GreenMail smtp = DrillSetup.startSmtp();
    int port = smtp.getSmtp().getPort();
    String url = PostgresDatabase.freshDatabase(DATABASE);
    Map<String, String> settings = DrillSetup.settings(url, smtp);
    Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<String, String> submitted = new ConcurrentHashMap<>();
    AtomicInteger submittedDuringOutage = new AtomicInteger();
    AtomicBoolean down = new AtomicBoolean();
    List<MimeMessage> received = new ArrayList<>();
    try (ApplicationProcess app = new ApplicationProcess("smtp-outage", List.of("-Xmx384m"), settings).start();
        Connection db = DriverManager.getConnection(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
        Statement sql = db.createStatement()) {
      app.awaitReady(Duration.ofSeconds(120));
      List<String> groups = List.of("CBG0574001", "CBG0574002", "CBG0574003", "CBG0574004", "CBG0574005",
          "CBG0574006", "CBG0574007");
      DrillLoad load = DrillLoad.start(app.baseUrl(), 10, 6, "smtp-", "Mất thư ", groups, 5,
          "{\"reviewDecision\":\"ENDORSE\"}", Duration.ofSeconds(1), (call, subject, response) -> {
            record(statuses, call.name().toLowerCase(Locale.ROOT), response);
            if (call == DrillLoad.Call.SUBMIT && response.statusCode() == 201) {
              submitted.put(subject, JSON.readTree(response.body()).get("code").asText());
              if (down.get()) {
                submittedDuringOutage.incrementAndGet();
              }
            }
          }, failed -> statuses.computeIfAbsent("exception " + failed.getClass().getSimpleName(),
              k -> new AtomicInteger()).incrementAndGet());
      // the server works before the outage
      await().atMost(Duration.ofSeconds(90)).until(() -> submitted.size() >= 5 && smtp.getReceivedMessages().length >= 5);
      down.set(true);
      smtp.getSmtp().stopService(); // the server goes away; what it received stays readable
      received.addAll(Arrays.asList(smtp.getReceivedMessages()));
      int receivedBefore = received.size();
      Thread.sleep(outage * 1000L);
      long waiting = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'");
      long attemptsLost = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status <> 'SENT'"
          + " AND attempts > 0");
      long parked = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'FAILED'");
      long lastOfOutage = DrillChecks.count(sql, "SELECT COALESCE(MAX(id), 0) FROM mail_outbox");
      GreenMail back = DrillSetup.startSmtp(port);
      long backAt = System.nanoTime();
      try {
        down.set(false);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> DrillChecks.count(sql,
            "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING' AND id <= " + lastOfOutage) == 0);
        double drained = (System.nanoTime() - backAt) / 1e9;
        load.stop();
        await().atMost(Duration.ofSeconds(120)).until(() -> DrillChecks.count(sql,
            "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'") == 0);
        Thread.sleep(2000); // the last mail accepted by the server is on its way into its store
        received.addAll(Arrays.asList(back.getReceivedMessages()));
        // a mail the server accepted as it stopped, before it could answer, is sent again with the
        // same Message-ID (at-least-once), so a mail client shows it once
        assertThat(received.stream().map(DrillChecks::messageId).distinct().count())
            .as("distinct Message-IDs received (%d before the outage) against the outbox's sent", receivedBefore)
            .isEqualTo(DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'"));

        // a lost race for a task is a 409; a 403 or 404 to the leader taking it would be as wrong as a 500
        assertThat(statuses.keySet().stream().filter(k -> k.endsWith(" 500") || k.endsWith(" 403")
            || k.equals("endorse 404") || k.startsWith("exception")))
            .as("server errors, refusals or failed calls: %s", statuses).isEmpty();
        assertThat(submittedDuringOutage.get()).as("submissions while the mail server was down").isPositive();
        assertThat(waiting).as("mails waiting at the end of the outage").isPositive();
        assertThat(attemptsLost).as("mails that lost an attempt to the outage").isZero();
        assertThat(parked).as("mails parked as failed during the outage").isZero();
        assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status <> 'SENT'")).isZero();
        // what arrived, before and after the outage, is exactly what the outbox holds
        Map<String, Set<String>> arrived = received.stream().collect(Collectors.groupingBy(
            DrillChecks::recipientAndSubject, Collectors.mapping(DrillChecks::messageId, Collectors.toSet())));
        assertThat(arrived.values()).as("a mail received twice under two Message-IDs").allMatch(ids -> ids.size() == 1);
        long copies = received.size() - arrived.size();
        List<String> outbox = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("SELECT recipient_email, subject FROM mail_outbox")) {
          while (rows.next()) {
            outbox.add(rows.getString(1) + " " + rows.getString(2));
          }
        }
        assertThat(arrived.keySet()).as("mails received against the outbox").containsExactlyInAnyOrderElementsOf(
            outbox);
        long endorsements = statuses.entrySet().stream().filter(e -> e.getKey().equals("endorse 204"))
            .map(Map.Entry::getValue).mapToLong(AtomicInteger::get).sum();
        System.out.printf(Locale.ROOT, "%nSMTP OUTAGE DRILL (%d s without a mail server, 10 clients): %d submissions"
            + " (%d during the outage) and %d endorsements; %d mails waiting when the server came back, none lost an"
            + " attempt or was parked; all delivered %.1f s after it was back; %d mails in the outbox, %d received"
            + " (%d before the outage), %d of them a second copy of a mail the server took as it stopped (same"
            + " Message-ID); answers %s%n%n", outage, submitted.size(), submittedDuringOutage.get(), endorsements,
            waiting, drained, outbox.size(), received.size(), receivedBefore, copies, statuses);
      } finally {
        back.stop();
      }
    } finally {
      smtp.stop();
    }
  }

  private static void record(Map<String, AtomicInteger> statuses, String what, HttpResponse<String> response) {
    statuses.computeIfAbsent(what + " " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
  }
}
