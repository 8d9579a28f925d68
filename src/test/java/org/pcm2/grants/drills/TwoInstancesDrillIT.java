package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.RequiresPostgres;

/**
 * Fault drill: two packaged applications on one database under the same load, 12 clients
 * spread over both — facilitators submitting, the commune's leaders endorsing and DWC
 * approving whatever waits, each request to either instance, so that the two race for the
 * same tasks and the same envelope. No task is completed twice, no decision is recorded
 * twice, the envelope is never exceeded and each mail is sent once, by one of the two.
 * Short in the test run: {@code -Ddrill.seconds} (10 by default), and on until at least 5
 * endorsements and 3 approvals went through.
 */
@ExtendWith(RequiresPostgres.class)
class TwoInstancesDrillIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = "pcm_drill_two";

  @Test
  void twoInstancesNeverDoOneThingTwice() throws Exception {
    int seconds = Integer.getInteger("drill.seconds", 10);
    GreenMail smtp = DrillSetup.startSmtp();
    String url = PostgresDatabase.freshDatabase(DATABASE);
    Map<String, String> settings = DrillSetup.settings(url, smtp);
    Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    Map<String, String> endorsed = new ConcurrentHashMap<>();
    Map<String, String> approved = new ConcurrentHashMap<>();
    try (ApplicationProcess one = new ApplicationProcess("two-instances-1", List.of("-Xmx384m"), settings).start()) {
      one.awaitReady(Duration.ofSeconds(120)); // the first creates the schema; the second finds it
      try (ApplicationProcess two = new ApplicationProcess("two-instances-2", List.of("-Xmx384m"), settings).start()) {
        two.awaitReady(Duration.ofSeconds(120));
        List<String> bases = List.of(one.baseUrl(), two.baseUrl());
        List<String> groups = List.of("CBG0574001", "CBG0574002", "CBG0574003", "CBG0574004", "CBG0574005",
            "CBG0574006", "CBG0574007");
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        for (int c = 0; c < 12; c++) {
          int client = c;
          clients.submit(() -> {
            int n = 0;
            while (running.get()) {
              n++;
              String base = bases.get((client + n) % 2); // every other request to the other instance
              try {
                if (client < 4) {
                  HttpResponse<String> response = new ApiClient(base, "facilitator1", "demo").postJson(
                      "/api/subprojects", JSON.writeValueAsString(Proposals.valid(
                          groups.get((client * 7 + n) % groups.size()), "Hai máy " + client + "-" + n)),
                      "Idempotency-Key", "two-" + client + "-" + n);
                  record(statuses, "submit", response);
                } else if (client < 9) {
                  take(base, "leader1", "IN_REVIEW", "UserTask_ReviewProposal",
                      "{\"reviewDecision\":\"ENDORSE\"}", statuses, endorsed);
                } else {
                  take(base, "officer1", "IN_APPRAISAL", "UserTask_AppraiseProposal",
                      "{\"appraisalDecision\":\"APPROVE\",\"approvedGrant\":15000000}", statuses, approved);
                }
              } catch (Exception e) {
                statuses.computeIfAbsent("exception " + e.getClass().getSimpleName(), k -> new AtomicInteger())
                    .incrementAndGet();
              }
            }
            return null;
          });
        }
        Thread.sleep(seconds * 1000L);
        // cold JVMs answer slowly at first: go on until the race has really been run
        await().atMost(Duration.ofSeconds(120)).until(() -> endorsed.size() >= 5 && approved.size() >= 3);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        // a lost race is a 409; a 403 or 404 to a person taking their own step would be as wrong as a 500
        assertThat(statuses.keySet().stream().filter(k -> k.endsWith(" 500") || k.endsWith(" 403")
            || (k.startsWith("UserTask_") && k.endsWith(" 404")) || k.startsWith("exception") || k.contains("twice")))
            .as("server errors, refusals or failed calls: %s", statuses).isEmpty();
        assertThat(endorsed).as("endorsements: %s", statuses).isNotEmpty();
        try (Connection db = DriverManager.getConnection(url, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
            Statement sql = db.createStatement()) {
          for (String code : endorsed.keySet()) {
            assertThat(DrillChecks.decisions(sql, code, "UserTask_ReviewProposal")).as("review of %s", code)
                .isEqualTo(1);
          }
          for (String code : approved.keySet()) {
            assertThat(DrillChecks.decisions(sql, code, "UserTask_AppraiseProposal")).as("appraisal of %s", code)
                .isEqualTo(1);
          }
          assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM (SELECT subproject_code, task_key FROM decision_log"
              + " GROUP BY subproject_code, task_key, outcome HAVING COUNT(*) > 1) twice")).as("a step decided twice")
              .isZero();
          assertThat(DrillChecks.count(sql, "SELECT COUNT(*) FROM (SELECT subproject_code FROM ledger_entry"
              + " WHERE kind = 'COMMIT' GROUP BY subproject_code HAVING COUNT(*) > 1) twice"))
              .as("a grant committed twice").isZero();
          assertThat(DrillChecks.envelopesOutOfStep(sql)).as("envelopes out of step or exceeded").isZero();
          await().atMost(Duration.ofSeconds(60)).until(() -> DrillChecks.count(sql,
              "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'") == 0);
          long sent = DrillChecks.count(sql, "SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'");
          await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
              .until(() -> smtp.getReceivedMessages().length == sent);
          Map<String, Long> byMessage = Arrays.stream(smtp.getReceivedMessages()).collect(Collectors.groupingBy(
              DrillChecks::recipientAndSubject, Collectors.counting()));
          assertThat(byMessage.values()).as("a mail received twice").allMatch(times -> times == 1);
          System.out.printf(Locale.ROOT, "%nTWO INSTANCES DRILL (%d s, 12 clients over 2 applications on one"
              + " database): answers %s; %d endorsements and %d approvals, each recorded once; envelopes within"
              + " their amounts and equal to the ledger; %d mails sent, %d received, none twice%n%n", seconds,
              statuses, endorsed.size(), approved.size(), sent, smtp.getReceivedMessages().length);
        }
      }
    } finally {
      smtp.stop();
    }
  }

  /** Takes every step of the stage the person sees, on the given instance. */
  private static void take(String base, String user, String stage, String task, String body,
      Map<String, AtomicInteger> statuses, Map<String, String> done) throws Exception {
    ApiClient api = new ApiClient(base, user, "demo");
    HttpResponse<String> list = api.get("/api/subprojects?stage=" + stage + "&limit=5");
    record(statuses, "list", list);
    if (list.statusCode() != 200) {
      return;
    }
    for (JsonNode item : JSON.readTree(list.body())) {
      String code = item.get("code").asText();
      HttpResponse<String> response = api.postJson("/api/subprojects/" + code + "/tasks/" + task, body);
      record(statuses, task, response);
      if (response.statusCode() == 204 && done.put(code, base) != null) {
        record(statuses, task + " acknowledged twice", response);
      }
    }
  }

  private static void record(Map<String, AtomicInteger> statuses, String what, HttpResponse<String> response) {
    statuses.computeIfAbsent(what + " " + response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
  }

}
