package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.NationalDataSet;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark, not a test (run with {@code ./mvnw -Pbenchmark verify}): at national scale
 * (100,000 sub-projects over 10,000 communes, {@link NationalDataSet}), the queries people
 * wait on most — the Tasklist's list of a shared filter through engine-rest, as the
 * Tasklist sends it (HAL, with the filter's variable columns, newest first, first page of
 * 15), for a commune leader and for a DWC officer, and the facilitator's list API — each
 * against the raw SQL that returns the same rows, run on the same database. Targets: p95 at
 * most 50 ms and at most 3 times the raw SQL's. The number of copies of each template is
 * {@code -Dbench.copies} (12,500 by default: 100,000 sub-projects).
 */
class TaskQueryBenchmark extends PostgresIntegrationTest {

  private static final int RUNS = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VARIABLES = "('subprojectCode', 'title', 'unitName', 'communeName', 'requestedGrant',"
      + " 'approvedGrant')";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;

  @Test
  void tasklistAndFacilitatorListsAtNationalScale() throws Exception {
    String base = "http://localhost:" + port;
    int copies = Integer.getInteger("bench.copies", 12_500);
    NationalDataSet data = NationalDataSet.generate(base, jdbc, copies, 10_000);
    long openTasks = jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_task", Long.class);
    long history = jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM act_hi_actinst) + (SELECT COUNT(*) FROM"
        + " act_hi_varinst) + (SELECT COUNT(*) FROM act_hi_detail) + (SELECT COUNT(*) FROM act_hi_taskinst)", Long.class);
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nTASK QUERIES at national scale: %,d sub-projects,"
        + " %,d communes, %,d open tasks, %,d history rows (made in %.0f s)%nrows copied: %s%n", data.subprojects(),
        data.communes(), openTasks, history, data.seconds(), data.rows()));
    out.append("| query | rows | p50 (ms) | p95 (ms) | raw SQL p50 / p95 (ms) | p95 ratio | target |\n"
        + "| --- | --- | --- | --- | --- | --- | --- |\n");

    ApiClient leader = new ApiClient(base, "leader1", "demo");
    ApiClient officer = new ApiClient(base, "officer1", "demo");
    ApiClient facilitator = new ApiClient(base, "facilitator1", "demo");
    String leaderFilter = filterId(leader, "Việc chờ xã tôi");
    String officerFilter = filterId(officer, "Chờ duyệt");

    String tasklistBody = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
    measure(out, "Tasklist, leader: Việc chờ xã tôi (engine-rest filter list)",
        () -> tasklist(leader, leaderFilter, tasklistBody),
        () -> rawTaskPage("leader1", List.of("commune05740", "communeLeaders"), null));
    measure(out, "Tasklist, DWC officer: Chờ duyệt (engine-rest filter list)",
        () -> tasklist(officer, officerFilter, tasklistBody),
        () -> rawTaskPage("officer1", List.of("dwcOfficers"), "('UserTask_AppraiseProposal',"
            + " 'UserTask_ApproveAsDirector', 'UserTask_SelectWinners', 'UserTask_ApproveAwardList')"));
    measure(out, "Facilitator's list (GET /api/subprojects)",
        () -> {
          HttpResponse<String> response = facilitator.get("/api/subprojects");
          assertThat(response.statusCode()).isEqualTo(200);
          return JSON.readTree(response.body()).size();
        },
        () -> jdbc.queryForList("SELECT * FROM subproject WHERE 1 = 1 AND (facilitator_id = ?)"
            + " ORDER BY updated_at DESC, code LIMIT 100", "facilitator1").size());
    // What every signed-in call costs before it asks anything: HTTP, sign-in with the
    // password, the person's groups. Against a query of a millisecond this alone sets the ratio.
    Percentiles fixed = new Percentiles();
    for (int i = 0; i < RUNS; i++) {
      fixed.time(() -> leader.get("/engine-rest/version").statusCode());
    }
    out.append(String.format(Locale.ROOT, "| signed-in call that queries nothing (GET /engine-rest/version) | | %.1f | %.1f"
        + " | | | |%n", fixed.percentile(50), fixed.percentile(95)));
    System.out.println(out);
  }

  private static String filterId(ApiClient user, String namePrefix) throws Exception {
    for (JsonNode filter : JSON.readTree(user.get("/engine-rest/filter?resourceType=Task").body())) {
      if (filter.get("name").asText().startsWith(namePrefix)) {
        return filter.get("id").asText();
      }
    }
    throw new AssertionError("no filter " + namePrefix);
  }

  /** The first page of a filter, as the Tasklist asks for it: HAL, with the filter's variables. */
  private static int tasklist(ApiClient user, String filter, String body) throws Exception {
    HttpResponse<String> response = user.post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15",
        "application/json", body, "Accept", "application/hal+json");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).at("/_embedded/task").size();
  }

  /**
   * The same rows in plain SQL: the user's tasks and their groups' open tasks of the grant
   * cycles, newest first, first 15, with the variables the filter shows as columns.
   */
  private int rawTaskPage(String user, List<String> groups, String taskKeys) {
    String in = String.join(", ", groups.stream().map(g -> "'" + g + "'").toList());
    String sql = """
        WITH page AS (
          SELECT t.* FROM act_ru_task t
          WHERE (t.assignee_ = '%1$s' OR (t.assignee_ IS NULL AND EXISTS (
                  SELECT 1 FROM act_ru_identitylink i WHERE i.task_id_ = t.id_ AND i.type_ = 'candidate'
                  AND (i.user_id_ = '%1$s' OR i.group_id_ IN (%2$s)))))
            AND %3$s
          ORDER BY t.create_time_ DESC LIMIT 15)
        SELECT page.id_, page.name_, page.create_time_, v.name_ AS variable, v.text_, v.long_
        FROM page LEFT JOIN act_ru_variable v ON v.execution_id_ = page.proc_inst_id_ AND v.name_ IN %4$s
        """.formatted(user, in, taskKeys == null
            ? "t.proc_def_id_ IN (SELECT id_ FROM act_re_procdef WHERE key_ = 'subprojectGrant')"
            : "t.task_def_key_ IN " + taskKeys, VARIABLES);
    return (int) jdbc.queryForList(sql).stream().map(row -> row.get("id_")).distinct().count();
  }

  private static void measure(StringBuilder out, String name, Callable<Integer> api, Callable<Integer> raw)
      throws Exception {
    int rows = api.call();
    assertThat(raw.call()).as(name + ": the raw SQL returns as many rows").isEqualTo(rows);
    for (int i = 0; i < 20; i++) {
      api.call();
      raw.call();
    }
    Percentiles apiTimes = new Percentiles();
    Percentiles rawTimes = new Percentiles();
    for (int i = 0; i < RUNS; i++) {
      apiTimes.time(api);
      rawTimes.time(raw);
    }
    double ratio = apiTimes.percentile(95) / rawTimes.percentile(95);
    boolean met = apiTimes.percentile(95) <= 50 && ratio <= 3;
    out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f / %.1f | %.1f | ≤ 50 ms and ≤ 3× raw: %s |%n",
        name, rows, apiTimes.percentile(50), apiTimes.percentile(95), rawTimes.percentile(50),
        rawTimes.percentile(95), ratio, met ? "met" : "MISSED"));
  }
}
