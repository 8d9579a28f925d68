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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.RequiresPostgres;

/**
 * Fault drill: the packaged application is killed with {@code kill -9} while 20 clients
 * submit proposals and commune leaders endorse them, then started again on the same
 * database. Every submission and decision the clients were told succeeded is there, none
 * twice (a retry of an acknowledged submission returns the same sub-project); the ledger
 * and the envelopes agree; every mail left pending by the crash is delivered after the
 * restart. Short in the test run ({@code -Ddrill.seconds}, 10 by default).
 */
@ExtendWith(RequiresPostgres.class)
class KillNineDrillIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = "pcm_drill_kill";

  @Test
  void nothingAcknowledgedIsLostWhenTheApplicationIsKilled() throws Exception {
    int seconds = Integer.getInteger("drill.seconds", 10);
    GreenMail smtp = DrillSetup.startSmtp();
    String url = PostgresDatabase.freshDatabase(DATABASE);
    Map<String, String> settings = DrillSetup.settings(url, smtp);
    Map<String, String> submitted = new ConcurrentHashMap<>(); // idempotency key -> code, acknowledged
    Map<String, String> endorsed = new ConcurrentHashMap<>(); // code -> leader, acknowledged
    java.util.concurrent.atomic.AtomicInteger serverErrors = new java.util.concurrent.atomic.AtomicInteger();
    try {
      ApplicationProcess first = new ApplicationProcess("kill-nine-1", List.of("-Xmx384m"), settings).start();
      first.awaitReady(Duration.ofSeconds(120));
      List<String> groups1 = List.of("CBG0574001", "CBG0574002", "CBG0574003", "CBG0574004", "CBG0574005");
      DrillLoad load = DrillLoad.start(first.baseUrl(), 20, 12, "drill-", "Diễn tập ", groups1, 20,
          "{\"reviewDecision\":\"ENDORSE\",\"reviewComment\":\"Xã nhất trí (diễn tập)\"}", Duration.ZERO,
          (call, subject, response) -> {
            if (response.statusCode() >= 500) {
              serverErrors.incrementAndGet();
            } else if (call == DrillLoad.Call.SUBMIT && (response.statusCode() == 201 || response.statusCode() == 200)) {
              submitted.put(subject, JSON.readTree(response.body()).get("code").asText());
            } else if (call == DrillLoad.Call.ENDORSE && response.statusCode() == 204) {
              endorsed.put(subject, "leader1");
            }
          }, crash -> { }); // the crash: connection refused or reset, nothing acknowledged
      Thread.sleep(seconds * 1000L);
      first.kill();
      int acknowledgedAtKill = submitted.size();
      int endorsedAtKill = endorsed.size();
      load.stop();
      assertThat(acknowledgedAtKill).as("submissions acknowledged before the kill").isPositive();
      // concurrent first submissions of a commune, two endorsements of one task: never a 500
      assertThat(serverErrors.get()).as("server errors while running").isZero();

      try (ApplicationProcess second = new ApplicationProcess("kill-nine-2", List.of("-Xmx384m"), settings).start()) {
        double restart = second.awaitReady(Duration.ofSeconds(120));
        ApiClient facilitator = new ApiClient(second.baseUrl(), "facilitator1", "demo");
        // every acknowledged submission is there, once: a retry returns the same sub-project
        for (Map.Entry<String, String> entry : submitted.entrySet()) {
          String key = entry.getKey();
          Map<String, Object> proposal = Proposals.valid("CBG0574001", "Diễn tập " + key);
          HttpResponse<String> retry = facilitator.postJson("/api/subprojects", JSON.writeValueAsString(proposal),
              "Idempotency-Key", key);
          assertThat(retry.statusCode()).as("retry of %s", key).isEqualTo(200);
          assertThat(JSON.readTree(retry.body()).get("code").asText()).isEqualTo(entry.getValue());
        }
        try (Connection db = DriverManager.getConnection(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
            Statement sql = db.createStatement()) {
          assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM subproject WHERE title LIKE 'Diễn tập drill-%'"))
              .as("sub-projects of the drill").isEqualTo(DrillChecks.count(sql, "SELECT COUNT(*) FROM submission_key"
                  + " WHERE idempotency_key LIKE 'drill-%'"))
              .isGreaterThanOrEqualTo(submitted.size());
          assertThat(DrillChecks.registeredTwice(sql, "Diễn tập drill-")).as("a proposal registered twice").isZero();
          for (String code : endorsed.keySet()) {
            assertThat(DrillChecks.decisions(sql, code, "UserTask_ReviewProposal")).as("endorsement of %s", code).isEqualTo(1);
            assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM act_ru_task t JOIN act_ru_execution e"
                + " ON e.id_ = t.proc_inst_id_ WHERE e.business_key_ = '" + code
                + "' AND t.task_def_key_ = 'UserTask_ReviewProposal'")).as("review still open for %s", code)
                .isZero();
          }
          assertThat(DrillChecks.envelopesOutOfStep(sql)).as("envelopes out of step with the ledger").isZero();
          // every mail pending at the kill is delivered after the restart
          await().atMost(Duration.ofSeconds(90)).until(() -> DrillChecks.count(sql,
              "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'") == 0);
          long sent = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'");
          assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'FAILED'")).isZero();
          assertThat((long) smtp.getReceivedMessages().length).as("mails received").isGreaterThanOrEqualTo(sent);
          // a mail sent again after the kill (accepted, not yet recorded) carries the same Message-ID
          assertThat(Arrays.stream(smtp.getReceivedMessages()).map(DrillChecks::messageId).distinct().count())
              .as("distinct Message-IDs received").isEqualTo(sent);
          System.out.printf(Locale.ROOT, "%nKILL -9 DRILL (%d s of load, 20 clients): %d submissions and %d"
              + " endorsements acknowledged before the kill, all present once after the restart (ready again in"
              + " %.1f s); ledger and envelopes agree; %d mails sent, %d received, 0 pending, 0 failed%n%n",
              seconds, acknowledgedAtKill, endorsedAtKill, restart, sent, smtp.getReceivedMessages().length);
        }
      }
    } finally {
      smtp.stop();
    }
  }

}
