package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PortfolioDataSet;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark, not a test (run with {@code ./mvnw -Pbenchmark verify}): the portfolio report
 * at national scale — 10,000 communes (50 provinces × 20 districts × 10 communes) with 10
 * sub-projects each, 100,000 in all with their ledger and awards — through the API, for
 * the cuts DWC uses most, by sector and by period among them, and the outliers of cost per unit.
 * Prints p50 and p95 of each; the target is p95 ≤ 300 ms.
 */
class PortfolioReportBenchmark extends PostgresIntegrationTest {

  private static final int RUNS = 100;

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;

  @Test
  void portfolioAtNationalScale() throws Exception {
    long start = System.nanoTime();
    PortfolioDataSet data = PortfolioDataSet.generate(jdbc, "NAT", 50, 20, 10, 10, 1L);
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    jdbc.execute("ANALYZE");
    long subprojects = jdbc.queryForObject("SELECT COUNT(*) FROM subproject", Long.class);
    long ledger = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class);
    assertThat(subprojects).isGreaterThanOrEqualTo(100_000);

    ApiClient officer = new ApiClient("http://localhost:" + port, "officer1", "demo");
    Map<String, String> cuts = new LinkedHashMap<>();
    cuts.put("national total", "/api/reports/portfolio");
    cuts.put("by province", "/api/reports/portfolio?groupBy=province");
    cuts.put("by province and fund", "/api/reports/portfolio?groupBy=province,fund");
    cuts.put("one province by district", "/api/reports/portfolio?province=" + data.province(7) + "&groupBy=district");
    cuts.put("by commune (10,000 lines)", "/api/reports/portfolio?groupBy=commune");
    cuts.put("one commune", "/api/reports/portfolio?commune=" + data.communes().get(4242));
    cuts.put("CSV by province", "/api/reports/portfolio.csv?groupBy=province");
    cuts.put("by sector", "/api/reports/portfolio?groupBy=sector");
    cuts.put("by province and sector", "/api/reports/portfolio?groupBy=province,sector");
    cuts.put("one sector by province", "/api/reports/portfolio?sector=ROADS&groupBy=province");
    cuts.put("by province, a quarter", "/api/reports/portfolio?from=2026-04-01&to=2026-06-30&groupBy=province");
    cuts.put("cost outliers of one province", "/api/reports/cost-outliers?province=" + data.province(7));

    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%nPORTFOLIO REPORT at national scale: %,d sub-projects, %,d ledger entries, %,d communes (loaded in %.1f s)%n"
            + "| cut | p50 (ms) | p95 (ms) | max (ms) | target p95 |%n| --- | --- | --- | --- | --- |%n",
        subprojects, ledger, data.communes().size(), loadSeconds));
    int answered = 0;
    Map<Integer, Integer> refused = new TreeMap<>(); // by status
    for (Map.Entry<String, String> cut : cuts.entrySet()) {
      for (int i = 0; i < 10; i++) { // warm-up: plans cached, pages in memory
        assertThat(officer.get(cut.getValue()).statusCode()).isEqualTo(200);
      }
      Percentiles timings = new Percentiles();
      for (int i = 0; i < RUNS; i++) {
        int status = timings.time(() -> officer.get(cut.getValue()).statusCode());
        if (status == 200) {
          answered++;
        } else {
          refused.merge(status, 1, Integer::sum);
        }
      }
      table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | ≤ 300 ms %s |%n", cut.getKey(),
          timings.percentile(50), timings.percentile(95), timings.percentile(100),
          timings.percentile(95) <= 300 ? "met" : "MISSED"));
    }
    table.append(String.format(Locale.ROOT, "measured calls: %d answered, %d refused %s%n", answered,
        refused.values().stream().mapToInt(Integer::intValue).sum(), refused));
    System.out.println(table);
    assertThat(refused).as("refused report calls, by status").isEmpty();
  }
}
