package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run with {@code ./mvnw -Pbenchmark verify -Dit.test=DirectoryImportBenchmark}):
 * a national directory imported through the API as a DWC administrator would — 63 provinces,
 * 700 districts, 10,000 communes, 100,000 hamlets, 10,000 schools and a group for each hamlet
 * and school (110,000) — each file previewed, applied, then imported a second time. Prints the
 * seconds of each; the target is the whole import (the applies) in under a minute. Fails
 * unless every row arrived, with its commune leaders' groups and its change-log line, and the
 * second import changed nothing.
 */
class DirectoryImportBenchmark extends PostgresIntegrationTest {

  private static final int PROVINCES = 63;
  private static final int DISTRICTS = 700;
  private static final int COMMUNES = 10_000;
  private static final int HAMLETS_PER_COMMUNE = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  @Test
  void aNationalDirectoryImportsInUnderAMinute() throws Exception {
    ApiClient admin = new ApiClient("http://localhost:" + port, "admin", "demo");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("places.csv", places());
    files.put("schools.csv", schools());
    files.put("groups.csv", groups());
    long placesBefore = count("place");
    long groupsBefore = count("community_group");
    long communeGroupsBefore = jdbc.sql("SELECT COUNT(*) FROM act_id_group WHERE type_ = 'COMMUNE'")
        .query(Long.class).single();
    List<String> lines = new ArrayList<>();
    double applying = 0;
    for (Map.Entry<String, String> file : files.entrySet()) {
      int rows = (int) file.getValue().lines().count() - 1;
      double preview = timed(admin, file.getKey(), file.getValue(), false, rows, 0);
      double apply = timed(admin, file.getKey(), file.getValue(), true, rows, 0);
      double again = timed(admin, file.getKey(), file.getValue(), true, 0, rows);
      applying += apply;
      lines.add(String.format("  %-12s %,9d rows  %,7.1f kB  preview %6.1f s  apply %6.1f s  again %6.1f s",
          file.getKey(), rows, file.getValue().length() / 1024.0, preview, apply, again));
    }
    assertThat(count("place") - placesBefore).isEqualTo(PROVINCES + DISTRICTS + COMMUNES
        + (long) COMMUNES * HAMLETS_PER_COMMUNE);
    assertThat(count("community_group") - groupsBefore).isEqualTo((long) COMMUNES * HAMLETS_PER_COMMUNE + COMMUNES);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_id_group WHERE type_ = 'COMMUNE'").query(Long.class).single()
        - communeGroupsBefore).isEqualTo(COMMUNES);
    assertThat(count("directory_change")).isEqualTo(count("place") - placesBefore + COMMUNES
        + count("community_group") - groupsBefore);
    System.out.printf("%nDIRECTORY IMPORT, national size, through /api as an administrator:%n%s%n"
        + "  applying all three files: %.1f s (target: under 60 s)%n%n", String.join("%n".formatted(), lines),
        applying);
  }

  private double timed(ApiClient admin, String file, String csv, boolean apply, int created, int unchanged)
      throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> answer = admin.post("/api/directory/" + file + (apply ? "?apply=true" : ""), "text/csv",
        csv);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(answer.statusCode()).as(file + ": " + answer.body().substring(0, Math.min(500, answer.body().length())))
        .isEqualTo(200);
    JsonNode outcome = JSON.readTree(answer.body());
    assertThat(outcome.get("created").size()).as(file).isEqualTo(created);
    assertThat(outcome.get("changed").size()).as(file).isZero();
    assertThat(outcome.get("unchanged").asInt()).as(file).isEqualTo(unchanged);
    return seconds;
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private static String places() {
    StringBuilder csv = new StringBuilder("code;parent;kind;name\n");
    for (int p = 0; p < PROVINCES; p++) {
      csv.append("NP").append(p).append(";;PROVINCE;Tỉnh Số ").append(p).append('\n');
    }
    for (int d = 0; d < DISTRICTS; d++) {
      csv.append("ND").append(d).append(";NP").append(d % PROVINCES).append(";DISTRICT;Huyện Số ").append(d)
          .append('\n');
    }
    for (int c = 0; c < COMMUNES; c++) {
      csv.append("NC").append(c).append(";ND").append(c % DISTRICTS).append(";COMMUNE;Xã Số ").append(c).append('\n');
      for (int h = 0; h < HAMLETS_PER_COMMUNE; h++) {
        csv.append("NC").append(c).append('H').append(h).append(";NC").append(c).append(";HAMLET;Thôn Số ")
            .append(h).append(", xã ").append(c).append('\n');
      }
    }
    return csv.toString();
  }

  private static String schools() {
    StringBuilder csv = new StringBuilder("code;commune;name\n");
    for (int c = 0; c < COMMUNES; c++) {
      csv.append("NS").append(c).append(";NC").append(c).append(";Trường THCS Xã Số ").append(c).append('\n');
    }
    return csv.toString();
  }

  private static String groups() {
    StringBuilder csv = new StringBuilder("code;kind;name;unit;facilitator\n");
    for (int c = 0; c < COMMUNES; c++) {
      for (int h = 0; h < HAMLETS_PER_COMMUNE; h++) {
        csv.append("NG").append(c).append('H').append(h).append(";CBG;Nhóm cộng đồng thôn ").append(h)
            .append(";NC").append(c).append('H').append(h).append(";facilitator").append(1 + (c + h) % 4)
            .append('\n');
      }
      csv.append("NG").append(c).append("S;STUDENT_GROUP;Nhóm học sinh xã ").append(c).append(";NS").append(c)
          .append(";facilitator").append(1 + c % 4).append('\n');
    }
    return csv.toString();
  }
}
