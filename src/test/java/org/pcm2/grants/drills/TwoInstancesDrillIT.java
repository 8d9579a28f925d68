package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.WebappSession;
import org.pcm2.grants.support.RequiresPostgres;

/**
 * Fault drill: two packaged applications on one database under the same load, 12 clients
 * spread over both — facilitators submitting, the communes' leaders endorsing and DWC
 * officers approving whatever waits, each request to the other instance than the last, so
 * that the two race for the same tasks and for envelopes of one grant a commune. Then
 * {@link DrillChecks#afterDrill} holds (no task completed twice, no decision or ledger line
 * twice, no envelope exceeded) and every mail the acknowledged steps caused is received
 * once. Short in the test run: {@code -Ddrill.seconds} (10 by default), and on until at least
 * 5 endorsements, 3 approvals and 3 envelope refusals went through.
 */
@ExtendWith(RequiresPostgres.class)
class TwoInstancesDrillIT {

  private static final String DATABASE = "pcm_drill_two";
  private static final String TITLE = "Hai máy ";

  @Test
  void twoInstancesNeverDoOneThingTwice() throws Exception {
    int seconds = Integer.getInteger("drill.seconds", 10);
    GreenMail smtp = DrillSetup.startSmtp();
    String url = PostgresDatabase.freshDatabase(DATABASE);
    Map<String, String> settings = DrillSetup.settings(url, smtp);
    DrillLoad.Outcomes outcomes = new DrillLoad.Outcomes();
    try (ApplicationProcess one = new ApplicationProcess("two-instances-1", List.of("-Xmx384m"), settings).start()) {
      one.awaitReady(Duration.ofSeconds(120)); // the first creates the schema; the second finds it
      try (ApplicationProcess two = new ApplicationProcess("two-instances-2", List.of("-Xmx384m"), settings).start()) {
        two.awaitReady(Duration.ofSeconds(120));
        Queue<DrillLoad.Slot> slots = DrillLoad.openCycles(one.baseUrl(), "DRILL-TWO", 10);
        DrillLoad load = DrillLoad.start(List.of(one.baseUrl(), two.baseUrl()), slots, 4, 5, 3, "two-", TITLE,
            Duration.ZERO, outcomes);
        Thread.sleep(seconds * 1000L);
        // cold JVMs answer slowly at first: go on until the race has really been run
        await().atMost(Duration.ofSeconds(180)).until(() -> outcomes.endorsed.size() >= 5
            && outcomes.approved.size() >= 3 && outcomes.envelopeRefused.size() >= 3);
        load.stop();
        try (Connection db = DriverManager.getConnection(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
            Statement sql = db.createStatement()) {
          DrillChecks.afterDrill(sql, outcomes, TITLE, one.logFile().toPath());
          await().atMost(Duration.ofSeconds(60)).until(() -> DrillChecks.count(sql,
              "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'") == 0);
          long sent = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'");
          await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
              .until(() -> smtp.getReceivedMessages().length == sent);
          List<DrillChecks.ExpectedMail> expected = DrillChecks.expectedMails(outcomes);
          DrillChecks.everyExpectedMailReceivedOnce(expected, smtp.getReceivedMessages());
          Map<String, Long> byMessage = Arrays.stream(smtp.getReceivedMessages()).collect(Collectors.groupingBy(
              DrillChecks::recipientAndSubject, Collectors.counting()));
          assertThat(byMessage.values()).as("a mail received twice").allMatch(times -> times == 1);
          // a person signed in to the Tasklist through the first node goes on through the second
          // once the first is killed: the session lives in the database, not in the node
          WebappSession officer = WebappSession.login(one.baseUrl(), "officer1", "demo");
          long waiting = officer.get("/task/count").get("count").asLong();
          one.kill();
          WebappSession same = officer.on(two.baseUrl());
          assertThat(same.get("/task/count").get("count").asLong()).isEqualTo(waiting);
          HttpResponse<String> query = same.post("/task", Map.of());
          assertThat(query.statusCode()).as("a POST with the session's token: " + query.body()).isEqualTo(200);
          assertThat(WebappSession.parse(query.body()).size()).isEqualTo((int) Math.min(waiting, Integer.MAX_VALUE));
          // the sign-in is a row of the database's session tables, with its attributes
          assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM spring_session s JOIN spring_session_attributes a"
              + " ON a.session_primary_id = s.primary_id")).isPositive();
          System.out.printf(Locale.ROOT, "%nTWO INSTANCES DRILL (%d s and on until the race was run, 12 clients over"
              + " 2 applications on one database, envelopes of one grant a commune): %s; each step recorded once;"
              + " envelopes within their amounts and equal to the ledger; the %d mails the acknowledged steps caused"
              + " received once each; %d mails sent, %d received, none twice; a Tasklist session signed in"
              + " through the first went on through the second after the first was killed (%d tasks)%n%n", seconds,
              outcomes, expected.size(), sent, smtp.getReceivedMessages().length, waiting);
        }
      }
    } finally {
      smtp.stop();
    }
  }
}
