package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.RequiresPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test (run with {@code ./mvnw -Pbenchmark verify}): the packaged
 * application started as a user starts it, on PostgreSQL with the demo data, its time to
 * ready, then its peak resident memory while 50 clients use it at once for a minute
 * (facilitators list and submit for their own groups, leaders and DWC query their Tasklist
 * through engine-rest, DWC runs the portfolio report); calls answered, refused and failed are
 * counted apart. Start-up is measured three times on a fresh database and three times on an
 * existing one before the load. Targets: ready in ≤ 10 s, peak RSS ≤ 768 MiB.
 * JVM options from {@code -Dbench.jvm} (default: the production setting, {@code -Xmx384m}).
 */
@ExtendWith(RequiresPostgres.class)
class StartupAndMemoryBenchmark {

  private static final int CLIENTS = 50;
  private static final int SECONDS = 60;
  private static final int STARTS = 3;

  private static ApplicationProcess application(List<String> jvm, String database) {
    return new ApplicationProcess("startup-benchmark", jvm, Map.of(
        "spring.profiles.active", "postgres,demo",
        "spring.datasource.url", database,
        "spring.datasource.username", PostgresDatabase.USER,
        "spring.datasource.password", PostgresDatabase.PASSWORD,
        "pcm.mail.enabled", "false"));
  }

  /** Seconds from start to ready on the database; then stopped. */
  private static double readyIn(List<String> jvm, String database) throws Exception {
    try (ApplicationProcess app = application(jvm, database)) {
      return app.start().awaitReady(java.time.Duration.ofSeconds(120));
    }
  }

  private static String seconds(List<Double> starts) {
    return String.join(", ", starts.stream().map(s -> String.format(Locale.ROOT, "%.1f s", s)).toList());
  }

  @Test
  void startupAndPeakMemoryUnderFiftyClients() throws Exception {
    List<String> jvm = Arrays.asList(System.getProperty("bench.jvm", "-Xmx384m").trim().split("\\s+"));
    // Ready three times on a fresh database (the engine's schema, the migrations and the demo
    // data are made on the way), then three times on the database the last one left.
    List<Double> fresh = new ArrayList<>();
    String database = null;
    for (int i = 0; i < STARTS; i++) {
      database = PostgresDatabase.freshDatabase("pcm_bench_startup");
      fresh.add(readyIn(jvm, database));
    }
    List<Double> existing = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      existing.add(readyIn(jvm, database));
    }
    try (ApplicationProcess app = application(jvm, database)) {
      double ready = app.start().awaitReady(java.time.Duration.ofSeconds(120));
      long[] atReady = app.memoryMiB();

      String base = app.baseUrl();
      ObjectMapper json = new ObjectMapper();
      AtomicLong answered = new AtomicLong();
      Map<Integer, AtomicLong> refused = new java.util.concurrent.ConcurrentSkipListMap<>();
      AtomicLong errors = new AtomicLong();
      AtomicLong unanswered = new AtomicLong();
      long end = System.nanoTime() + SECONDS * 1_000_000_000L;
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> clients = new ArrayList<>();
      long[] peakSeen = {0};
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> {
          String user = switch (client % 5) {
            case 0 -> "facilitator1";
            case 1 -> "facilitator2";
            case 2 -> "leader1";
            case 3 -> "officer1";
            default -> "leader3";
          };
          ApiClient api = new ApiClient(base, user, "demo");
          int n = 0;
          while (System.nanoTime() < end) {
            n++;
            HttpResponse<String> response;
            try {
              if (user.startsWith("facilitator") && n % 10 == 0) {
                // each facilitator proposes for a group they serve, so that the call is answered, not refused
                String group = user.equals("facilitator1") ? "CBG0574001" : "CBG0550001";
                response = api.submitProposal(json.writeValueAsString(
                    Proposals.valid(group, "Tải thử " + client + "-" + n)));
              } else if (user.startsWith("facilitator")) {
                response = api.get("/api/subprojects");
              } else if (user.equals("officer1") && n % 2 == 0) {
                response = api.get("/api/reports/portfolio?groupBy=commune,fund");
              } else {
                response = api.get("/engine-rest/task?candidateGroups=" + (user.equals("officer1") ? "dwcOfficers"
                    : user.equals("leader1") ? "commune05740" : "commune05743") + "&maxResults=50");
              }
              if (response.statusCode() / 100 == 2) {
                answered.incrementAndGet();
              } else if (response.statusCode() / 100 == 4) {
                refused.computeIfAbsent(response.statusCode(), k -> new AtomicLong()).incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
            } catch (Exception e) {
              unanswered.incrementAndGet();
            }
          }
          return null;
        }));
      }
      while (System.nanoTime() < end) {
        peakSeen[0] = Math.max(peakSeen[0], app.memoryMiB()[0]);
        Thread.sleep(200);
      }
      for (Future<?> client : clients) {
        client.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long[] after = app.memoryMiB();
      System.out.printf(Locale.ROOT, "%nSTART-UP AND MEMORY (JVM options: %s)%n"
          + "| measure | figure | target |%n| --- | --- | --- |%n"
          + "| start to ready (health UP), fresh database, three starts | %s | ≤ 10 s %s |%n"
          + "| start to ready, existing database, three starts | %s | ≤ 10 s %s |%n"
          + "| start to ready before the load below (existing database) | %.1f s | |%n"
          + "| RSS at ready | %d MiB | |%n"
          + "| peak RSS, %d clients for %d s (VmHWM) | %d MiB | ≤ 768 MiB %s |%n"
          + "| calls answered (2xx) / refused (4xx, by status) / server errors / without an answer"
          + " | %d / %d %s / %d / %d | |%n%n",
          String.join(" ", jvm), seconds(fresh), Collections.max(fresh) <= 10 ? "met" : "MISSED", seconds(existing),
          Collections.max(existing) <= 10 ? "met" : "MISSED", ready, atReady[0], CLIENTS, SECONDS,
          after[1], after[1] <= 768 ? "met" : "MISSED", answered.get(),
          refused.values().stream().mapToLong(AtomicLong::get).sum(), refused, errors.get(), unanswered.get());
      assertThat(answered.get()).isPositive();
    }
  }
}
