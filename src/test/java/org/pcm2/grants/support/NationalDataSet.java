package org.pcm2.grants.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A national-scale data set for the benchmarks, made in two steps.
 *
 * <p>First, through the application's own API, one sub-project is taken to each waiting
 * point of the grant cycle (leader review, DWC appraisal, payment, receipt, completion
 * report, leader evaluation, closure) and one to its end, by the demo's people: these are
 * the templates, with everything the application writes (Camunda runtime and history,
 * read model, ledger, decision log, mail outbox).
 *
 * <p>Second, the documented bulk path: every row of every table that belongs to a
 * template is copied {@code copies} times in SQL, each copy with its own ids (the
 * template's id with the copy's number in its last digits), its own sub-project code and business key, and its
 * own commune and facilitator, spread over {@code communes} communes (the demo's 24 among
 * them, so the demo's leaders see a commune of national-scale data) and one facilitator for
 * every 20 sub-projects. The copies are rows the application itself would have written:
 * the engine reads them, their tasks show in the Tasklist. Ten DWC teams hold five of the
 * generated provinces each, and each copy's DWC step waits for its province's team.
 */
public final class NationalDataSet {

  /** Id columns: a copy gets the template's value and its own number. */
  private static final Set<String> ID_COLUMNS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_",
      "process_instance_id_", "execution_id_", "parent_id_", "super_exec_", "task_id_", "bytearray_id_",
      "exception_stack_id_", "job_exception_stack_id_", "act_inst_id_", "parent_act_inst_id_", "call_proc_inst_id_",
      "var_inst_id_", "var_scope_", "dec_inst_id_", "root_dec_inst_id_", "job_id_", "cause_incident_id_",
      "root_cause_incident_id_", "resource_id_", "error_details_id_", "operation_id_",
      "parent_task_id_", "super_process_instance_id_", "last_failure_log_id_", "content_id_");

  /** The engine's tables that hold a process instance's rows, each with the column that names the instance. */
  private static final String[][] ENGINE_TABLES = {
      {"act_ru_execution", "proc_inst_id_"}, {"act_ru_task", "proc_inst_id_"},
      {"act_ru_variable", "proc_inst_id_"}, {"act_ru_job", "process_instance_id_"},
      {"act_ru_event_subscr", "proc_inst_id_"}, {"act_ge_bytearray", "root_proc_inst_id_"},
      {"act_hi_procinst", "proc_inst_id_"}, {"act_hi_actinst", "proc_inst_id_"},
      {"act_hi_taskinst", "proc_inst_id_"}, {"act_hi_varinst", "proc_inst_id_"},
      {"act_hi_detail", "proc_inst_id_"}, {"act_hi_identitylink", "root_proc_inst_id_"},
      {"act_hi_decinst", "proc_inst_id_"}, {"act_hi_dec_in", "root_proc_inst_id_"},
      {"act_hi_dec_out", "root_proc_inst_id_"}, {"act_hi_op_log", "proc_inst_id_"},
      {"act_hi_job_log", "process_instance_id_"}, {"act_hi_comment", "proc_inst_id_"},
      {"act_hi_attachment", "proc_inst_id_"}};

  private final int communes;
  private final int subprojects;
  private final Map<String, Long> rows = new LinkedHashMap<>();
  private final double seconds;

  private NationalDataSet(int communes, int subprojects, double seconds) {
    this.communes = communes;
    this.subprojects = subprojects;
    this.seconds = seconds;
  }

  /**
   * Makes the templates through the API at {@code baseUrl}, then {@code copies} copies of
   * each in the database behind {@code jdbc}, over {@code communes} communes.
   */
  public static NationalDataSet generate(String baseUrl, JdbcTemplate jdbc, int copies, int communes)
      throws Exception {
    long start = System.nanoTime();
    List<String> templates = templates(baseUrl, jdbc);
    places(jdbc, communes);
    jdbc.execute("DROP TABLE IF EXISTS bench_copy");
    jdbc.execute("CREATE TABLE bench_copy (k INT PRIMARY KEY, commune VARCHAR(20), facilitator VARCHAR(64))");
    // Copy k lives in the k-th commune (the demo's first) and belongs to the (k / 3)-th
    // facilitator: 24 sub-projects each, facilitator1 among them.
    jdbc.update("""
        INSERT INTO bench_copy (k, commune, facilitator)
        SELECT g.k, c.code, CASE WHEN g.k <= 3 THEN 'facilitator1' ELSE 'benchfac' || (g.k / 3) END
        FROM generate_series(1, ?) AS g(k)
        JOIN (SELECT code, ROW_NUMBER() OVER (ORDER BY CASE WHEN code LIKE 'NAT%' THEN 1 ELSE 0 END, code) - 1 AS i
              FROM place WHERE kind = 'COMMUNE') c ON c.i = (g.k - 1) % ?
        """, copies, communes);
    jdbc.execute("DROP TABLE IF EXISTS bench_template");
    jdbc.execute("CREATE TABLE bench_template (proc_inst_id VARCHAR(64) PRIMARY KEY)");
    for (String instance : templates) {
      jdbc.update("INSERT INTO bench_template VALUES (?)", instance);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String[] table : ENGINE_TABLES) {
      counts.put(table[0], copyEngineTable(jdbc, table[0], table[1]));
    }
    counts.put("act_ru_identitylink", copy(jdbc, "act_ru_identitylink",
        "src.task_id_ IN (SELECT id_ FROM act_ru_task WHERE proc_inst_id_ IN (SELECT proc_inst_id FROM bench_template))"));
    counts.put("act_ru_authorization", copy(jdbc, "act_ru_authorization",
        "src.resource_id_ IN (SELECT id_ FROM act_ru_task WHERE proc_inst_id_ IN (SELECT proc_inst_id FROM bench_template)"
            + " UNION SELECT proc_inst_id FROM bench_template)"));
    String ofTemplates = "src.subproject_code IN (SELECT business_key_ FROM act_hi_procinst"
        + " WHERE id_ IN (SELECT proc_inst_id FROM bench_template))";
    counts.put("subproject", copy(jdbc, "subproject",
        "src.code IN (SELECT business_key_ FROM act_hi_procinst WHERE id_ IN (SELECT proc_inst_id FROM bench_template))"));
    counts.put("ledger_entry", copy(jdbc, "ledger_entry", ofTemplates));
    counts.put("decision_log", copy(jdbc, "decision_log", ofTemplates));
    counts.put("mail_outbox", copy(jdbc, "mail_outbox", ofTemplates));
    counts.put("DWC steps given to a team", teams(jdbc));
    // What a running database's autovacuum does after weeks of work (the test server runs with
    // it off): statistics, and the visibility map that lets PostgreSQL count from an index alone.
    jdbc.execute("VACUUM ANALYZE");
    long total = jdbc.queryForObject("SELECT COUNT(*) FROM subproject", Long.class);
    NationalDataSet set = new NationalDataSet(communes, (int) total, (System.nanoTime() - start) / 1e9);
    set.rows.putAll(counts);
    return set;
  }

  /** Takes one proposal of the demo's facilitator1 to each waiting point; returns their process instances. */
  private static List<String> templates(String baseUrl, JdbcTemplate jdbc) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> groups = new ArrayList<>(jdbc.queryForList("SELECT code FROM community_group WHERE facilitator_id ="
        + " 'facilitator1' AND kind = 'CBG' AND code LIKE 'CBG05740%' ORDER BY code LIMIT 4", String.class));
    groups.addAll(jdbc.queryForList("SELECT code FROM community_group WHERE facilitator_id = 'facilitator1'"
        + " AND kind = 'CBG' AND code LIKE 'CBG05743%' ORDER BY code LIMIT 4", String.class));
    List<String> instances = new ArrayList<>();
    ApiClient facilitator = new ApiClient(baseUrl, "facilitator1", "demo");
    for (int stage = 0; stage <= GrantCycleSteps.STEPS.length; stage++) {
      String group = groups.get(stage);
      String leader = group.startsWith("CBG05740") ? "leader1" : "leader3";
      HttpResponse<String> created = facilitator.submitProposal(
          json.writeValueAsString(Proposals.valid(group, "Mẫu dữ liệu quốc gia " + stage)));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String code = json.readTree(created.body()).get("code").asText();
      for (int step = 0; step < stage; step++) {
        String[] next = GrantCycleSteps.STEPS[step];
        ApiClient api = new ApiClient(baseUrl, GrantCycleSteps.user(next, leader), "demo");
        HttpResponse<String> done = api.postJson("/api/subprojects/" + code + "/tasks/" + next[1],
            GrantCycleSteps.body(api, code, next));
        assertThat(done.statusCode()).as(code + " " + next[1] + ": " + done.body()).isEqualTo(204);
      }
      instances.add(jdbc.queryForObject("SELECT id_ FROM act_hi_procinst WHERE business_key_ = ?", String.class,
          code));
    }
    return instances;
  }

  /** {@code communes} communes in all, the demo's included: 10 to a district, 20 districts to a province. */
  private static void places(JdbcTemplate jdbc, int communes) {
    int existing = jdbc.queryForObject("SELECT COUNT(*) FROM place WHERE kind = 'COMMUNE'", Integer.class);
    int missing = Math.max(0, communes - existing);
    jdbc.update("""
        INSERT INTO place (code, parent_code, kind, name)
        SELECT 'NATP' || p, NULL, 'PROVINCE', 'Tỉnh ' || p FROM generate_series(0, (? - 1) / 200) AS g(p)
        """, missing);
    jdbc.update("""
        INSERT INTO place (code, parent_code, kind, name)
        SELECT 'NATD' || d, 'NATP' || (d / 20), 'DISTRICT', 'Huyện ' || d FROM generate_series(0, (? - 1) / 10) AS g(d)
        """, missing);
    jdbc.update("""
        INSERT INTO place (code, parent_code, kind, name)
        SELECT 'NATC' || c, 'NATD' || (c / 10), 'COMMUNE', 'Xã ' || c FROM generate_series(0, ? - 1) AS g(c)
        """, missing);
  }

  /**
   * Ten DWC teams of five provinces each (the generated provinces; the demo's two keep DWC as
   * a whole, as PCM2 does), their groups, and every copy's DWC step given to the team of its
   * province as the application gives it: the task's candidate group and the rights that came
   * with it, in the runtime and in the history. Returns the steps given to a team.
   */
  private static long teams(JdbcTemplate jdbc) {
    jdbc.update("INSERT INTO dwc_team (code, name) SELECT 'team' || lpad(t::text, 2, '0'), 'Nhóm ' || t"
        + " FROM generate_series(1, 10) AS g(t)");
    jdbc.update("""
        INSERT INTO dwc_team_province (province_code, team_code)
        SELECT code, 'team' || lpad(((n - 1) / 5 + 1)::text, 2, '0') FROM (
          SELECT code, ROW_NUMBER() OVER (ORDER BY substring(code from 5)::int) AS n
          FROM place WHERE kind = 'PROVINCE' AND code LIKE 'NATP%') p
        WHERE n <= 50
        """);
    jdbc.update("""
        INSERT INTO act_id_group (id_, rev_, name_, type_)
        SELECT r.role || initcap(t.code), 1, r.role || ', ' || t.name, 'DWC_TEAM'
        FROM dwc_team t CROSS JOIN (VALUES ('dwcOfficers'), ('dwcFinance'), ('dwcDirectors')) AS r(role)
        """);
    String teamOfTask = """
        SELECT t.id_ AS task_id, initcap(tp.team_code) AS suffix FROM %s t
        JOIN %s i ON i.id_ = t.proc_inst_id_
        JOIN subproject s ON s.code = i.business_key_
        JOIN dwc_team_province tp ON tp.province_code = s.province_code""";
    String dwc = "('dwcOfficers', 'dwcFinance', 'dwcDirectors')";
    long given = jdbc.update("UPDATE act_ru_identitylink il SET group_id_ = il.group_id_ || x.suffix FROM ("
        + teamOfTask.formatted("act_ru_task", "act_ru_execution") + ") x WHERE il.task_id_ = x.task_id"
        + " AND il.group_id_ IN " + dwc);
    jdbc.update("UPDATE act_ru_authorization a SET group_id_ = a.group_id_ || x.suffix FROM ("
        + teamOfTask.formatted("act_ru_task", "act_ru_execution") + ") x WHERE a.resource_id_ = x.task_id"
        + " AND a.group_id_ IN " + dwc);
    jdbc.update("UPDATE act_hi_identitylink il SET group_id_ = il.group_id_ || x.suffix FROM ("
        + teamOfTask.formatted("act_hi_taskinst", "act_hi_procinst") + ") x WHERE il.task_id_ = x.task_id"
        + " AND il.group_id_ IN " + dwc);
    return given;
  }

  private static long copyEngineTable(JdbcTemplate jdbc, String table, String instanceColumn) {
    return copy(jdbc, table, "src." + instanceColumn + " IN (SELECT proc_inst_id FROM bench_template)");
  }

  /**
   * Copies the rows of {@code table} chosen by {@code where} once for every row of
   * bench_copy: ids and codes get the copy's number, commune and facilitator its own, and
   * the times it was created and changed move back by two minutes a copy.
   */
  private static long copy(JdbcTemplate jdbc, String table, String where) {
    List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        + " AND table_schema = current_schema() AND is_identity = 'NO' ORDER BY ordinal_position", String.class, table);
    if (columns.isEmpty()) {
      return 0;
    }
    boolean variables = columns.contains("name_") && columns.contains("text_");
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      values.add(switch (column) {
        case "group_id_" -> "CASE WHEN src.group_id_ ~ '^commune[0-9]' THEN 'commune' || b.commune"
            + " ELSE src.group_id_ END";
        case "user_id_", "assignee_", "owner_", "start_user_id_", "facilitator_id", "recipient_user" ->
            "CASE WHEN src." + column + " = 'facilitator1' THEN b.facilitator ELSE src." + column + " END";
        case "text_" -> variables ? """
            CASE src.name_ WHEN 'subprojectCode' THEN src.text_ || '-' || b.k
                           WHEN 'communeCode' THEN b.commune
                           WHEN 'communeLeadersGroup' THEN 'commune' || b.commune
                           WHEN 'facilitatorId' THEN b.facilitator
                           ELSE src.text_ END""" : "src.text_";
        case "code", "subproject_code" -> "src." + column + " || '-' || b.k";
        case "process_instance_id" -> "src.process_instance_id || '-' || b.k";
        case "dedupe_key" -> "src.dedupe_key || '-' || b.k";
        case "commune_code" -> "b.commune";
        case "district_code" -> "(SELECT parent_code FROM place WHERE code = b.commune)";
        case "province_code" -> "(SELECT d.parent_code FROM place c JOIN place d ON d.code = c.parent_code"
            + " WHERE c.code = b.commune)";
        case "commune_name" -> "(SELECT name FROM place WHERE code = b.commune)";
        case "business_key_" -> "src.business_key_ || '-' || b.k";
        // each copy happened a little earlier than the one before (2 minutes a copy, 17 days for
        // 12,500): work created over weeks, not 12,500 tasks created in the same microsecond
        case "create_time_", "start_time_", "end_time_", "last_updated_", "created_at", "updated_at" ->
            "src." + column + " - b.k * interval '2 minutes'";
        // The engine's ids are UUIDs whose last 12 digits name the node: f and the copy's number
        // replaces the last 8, so an id keeps its length and stays unique.
        default -> ID_COLUMNS.contains(column)
            ? "overlay(src." + column + " placing 'f' || lpad(to_hex(b.k), 7, '0') from length(src." + column + ") - 7)"
            : "src." + column;
      });
    }
    return jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
        + String.join(", ", values) + " FROM " + table + " src CROSS JOIN bench_copy b WHERE " + where);
  }

  public int communes() {
    return communes;
  }

  public int subprojects() {
    return subprojects;
  }

  public double seconds() {
    return seconds;
  }

  /** Rows written per table by the bulk path. */
  public Map<String, Long> rows() {
    return rows;
  }
}
