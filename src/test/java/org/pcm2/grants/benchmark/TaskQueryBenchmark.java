package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final AtomicInteger ANSWERED = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();
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
    out.append("| query | rows of count | p50 (ms) | p95 (ms) | raw SQL p50 / p95 (ms) | p95 ratio | target |\n"
        + "| --- | --- | --- | --- | --- | --- | --- |\n");

    ApiClient leader = new ApiClient(base, "leader1", "demo");
    ApiClient officer = new ApiClient(base, "officer1", "demo");
    ApiClient facilitator = new ApiClient(base, "facilitator1", "demo");
    String leaderFilter = filterId(leader, "Việc chờ xã tôi");
    String officerFilter = filterId(officer, "Chờ duyệt");
    // The filters list a group's tasks whoever has claimed them: a colleague claims the
    // newest few first, so that the first page holds tasks claimed by someone else.
    List<String> claimedByLeader2 = claimNewest(new ApiClient(base, "leader2", "demo"), leaderFilter, 2);
    List<String> claimedByOfficer2 = claimNewest(new ApiClient(base, "officer2", "demo"), officerFilter, 3);

    // Newest first as the Tasklist sorts, then by id, so that tasks created in the same
    // millisecond come in one order on both sides.
    String tasklistBody = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"},"
        + "{\"sortBy\":\"id\",\"sortOrder\":\"asc\"}]}";
    measure(out, "Tasklist, leader: Việc chờ xã tôi (engine-rest filter list)",
        () -> tasklist(leader, leaderFilter, tasklistBody),
        () -> rawTaskPage("leader1", List.of("commune05740", "communeLeaders"), null), claimedByLeader2);
    measure(out, "Tasklist, DWC officer: Chờ duyệt (engine-rest filter list)",
        () -> tasklist(officer, officerFilter, tasklistBody),
        () -> rawTaskPage("officer1", List.of("dwcOfficers"), "('UserTask_AppraiseProposal',"
            + " 'UserTask_ApproveAsDirector', 'UserTask_SelectWinners', 'UserTask_ApproveAwardList')"),
        claimedByOfficer2);
    // The same list sorted by creation alone, as the Tasklist sorts it before a person adds a
    // key: timed for reference (tasks created in the same millisecond may come in any order,
    // so there is no raw SQL to compare ids with).
    Percentiles newestOnly = new Percentiles();
    String newestOnlyBody = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
    for (int i = 0; i < 20 + RUNS; i++) {
      if (i < 20) {
        tasklist(officer, officerFilter, newestOnlyBody);
      } else {
        newestOnly.time(() -> tasklist(officer, officerFilter, newestOnlyBody));
      }
    }
    out.append(String.format(Locale.ROOT, "| Tasklist, DWC officer, sorted by creation alone (reference) | | %.1f | %.1f"
        + " | | | |%n", newestOnly.percentile(50), newestOnly.percentile(95)));
    measure(out, "Facilitator's list (GET /api/subprojects)",
        () -> {
          HttpResponse<String> response = facilitator.get("/api/subprojects");
          count(response);
          assertThat(response.statusCode()).isEqualTo(200);
          List<String> codes = new ArrayList<>();
          JSON.readTree(response.body()).forEach(row -> codes.add(row.get("code").asText()));
          return new Page(codes, codes.size());
        },
        () -> {
          List<String> codes = jdbc.queryForList("SELECT code FROM subproject WHERE 1 = 1 AND (facilitator_id = ?)"
              + " ORDER BY updated_at DESC, code LIMIT 100", String.class, "facilitator1");
          return new Page(codes, codes.size());
        }, List.of());
    // What every signed-in call costs before it asks anything: HTTP, sign-in with the
    // password, the person's groups. Against a query of a millisecond this alone sets the ratio.
    Percentiles fixed = new Percentiles();
    for (int i = 0; i < RUNS; i++) {
      fixed.time(() -> count(leader.get("/engine-rest/version")));
    }
    out.append(String.format(Locale.ROOT, "| signed-in call that queries nothing (GET /engine-rest/version) | | %.1f | %.1f"
        + " | | | |%n", fixed.percentile(50), fixed.percentile(95)));
    out.append(String.format(Locale.ROOT, "calls: %d answered, %d refused (a refused call stops the run)%n",
        ANSWERED.get(), REFUSED.get()));
    System.out.println(out);
    assertThat(REFUSED.get()).as("refused calls").isZero();
  }

  private static int count(HttpResponse<String> response) {
    (response.statusCode() == 200 ? ANSWERED : REFUSED).incrementAndGet();
    return response.statusCode();
  }

  private static String filterId(ApiClient user, String namePrefix) throws Exception {
    for (JsonNode filter : JSON.readTree(user.get("/engine-rest/filter?resourceType=Task").body())) {
      if (filter.get("name").asText().startsWith(namePrefix)) {
        return filter.get("id").asText();
      }
    }
    throw new AssertionError("no filter " + namePrefix);
  }

  /** One page of a list: the ids in their order, and the count of the whole list. */
  record Page(List<String> ids, long count) {
  }

  /** The person claims the newest tasks of the filter's first page; their ids. */
  private static List<String> claimNewest(ApiClient user, String filter, int tasks) throws Exception {
    HttpResponse<String> page = user.post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=" + tasks,
        "application/json", "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}");
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    JsonNode list = JSON.readTree(page.body());
    assertThat(list.size()).isEqualTo(tasks);
    List<String> ids = new ArrayList<>();
    for (JsonNode task : list) {
      ids.add(task.get("id").asText());
      HttpResponse<String> claimed = user.postJson("/engine-rest/task/" + task.get("id").asText() + "/claim",
          "{\"userId\":\"" + user.user() + "\"}");
      assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    }
    return ids;
  }

  /** The first page of a filter, as the Tasklist asks for it: HAL, with the filter's variables and the count. */
  private static Page tasklist(ApiClient user, String filter, String body) throws Exception {
    HttpResponse<String> response = user.post("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15",
        "application/json", body, "Accept", "application/hal+json");
    count(response);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode hal = JSON.readTree(response.body());
    List<String> ids = new ArrayList<>();
    hal.at("/_embedded/task").forEach(task -> ids.add(task.get("id").asText()));
    return new Page(ids, hal.get("count").asLong());
  }

  /**
   * The same page in plain SQL: the open tasks of the grant cycles for which the user or one
   * of their groups is a candidate, claimed by anyone or by nobody, newest first (then by id),
   * first 15, with the variables the filter shows as columns, and the count of them all.
   */
  private Page rawTaskPage(String user, List<String> groups, String taskKeys) {
    String in = String.join(", ", groups.stream().map(g -> "'" + g + "'").toList());
    String sql = """
        WITH matching AS (
          SELECT t.id_, t.create_time_, t.proc_inst_id_ FROM act_ru_task t
          WHERE EXISTS (SELECT 1 FROM act_ru_identitylink i WHERE i.task_id_ = t.id_ AND i.type_ = 'candidate'
                  AND (i.user_id_ = '%1$s' OR i.group_id_ IN (%2$s)))
            AND %3$s),
        page AS (SELECT * FROM matching ORDER BY create_time_ DESC, id_ LIMIT 15)
        SELECT page.id_, (SELECT COUNT(*) FROM matching) AS total, v.name_ AS variable, v.text_, v.long_
        FROM page LEFT JOIN act_ru_variable v ON v.execution_id_ = page.proc_inst_id_ AND v.name_ IN %4$s
        ORDER BY page.create_time_ DESC, page.id_
        """.formatted(user, in, taskKeys == null
            ? "t.proc_def_id_ IN (SELECT id_ FROM act_re_procdef WHERE key_ = 'subprojectGrant')"
            : "t.task_def_key_ IN " + taskKeys, VARIABLES);
    Set<String> ids = new LinkedHashSet<>();
    long[] total = {0};
    jdbc.query(sql, (ResultSet row) -> {
      ids.add(row.getString("id_"));
      total[0] = row.getLong("total");
    });
    return new Page(new ArrayList<>(ids), total[0]);
  }

  private static void measure(StringBuilder out, String name, Callable<Page> api, Callable<Page> raw,
      List<String> claimedByOthers) throws Exception {
    Page page = api.call();
    assertThat(page.ids()).as(name + ": a page with the tasks a colleague claimed").isNotEmpty()
        .containsAll(claimedByOthers);
    assertThat(raw.call()).as(name + ": the raw SQL returns the same ids in the same order, and the same count")
        .isEqualTo(page);
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
    out.append(String.format(Locale.ROOT, "| %s | %d of %,d | %.1f | %.1f | %.1f / %.1f | %.1f | ≤ 50 ms and ≤ 3× raw:"
        + " %s |%n", name, page.ids().size(), page.count(), apiTimes.percentile(50), apiTimes.percentile(95),
        rawTimes.percentile(50), rawTimes.percentile(95), ratio, met ? "met" : "MISSED"));
  }
}
