package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.RequiresPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An upgrade: a database made by an earlier version (the project's tables at migration 9,
 * filled as that version left them after a cycle's first tranche: directory, cycle and
 * envelope, the sub-project's row, decisions, ledger, a mail waiting) is migrated at the start
 * of this version with nothing lost — every row as it was, the new columns empty where nothing
 * was known — and the sub-project, its ledger and its group are served as before. The engine's
 * tables are Camunda's, brought up to date by the engine itself ({@code schema-update}).
 */
@ExtendWith(RequiresPostgres.class)
class UpgradeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "Hoa-Sen-2026!";
  private static final String CODE = "TDA-2025-05740-001";
  private static final List<String> TABLES = List.of("place", "school", "community_group", "funding_cycle", "envelope",
      "subproject", "decision_log", "ledger_entry", "mail_outbox");

  @Test
  void aDatabaseOfAnEarlierVersionMigratesAtStartWithNothingLost() throws Exception {
    String url = PostgresDatabase.freshDatabase("pcm_it_upgrade");
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, PostgresDatabase.USER,
        PostgresDatabase.PASSWORD);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common",
        "classpath:db/migration/postgresql").target("9").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    fillAsTheEarlierVersionLeftIt(jdbc);
    Map<String, List<Map<String, Object>>> before = new java.util.HashMap<>();
    for (String table : TABLES) {
      before.put(table, rows(jdbc, table));
    }

    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PcmGrantsApplication.class)
        .profiles("postgres", "prod").run("--server.port=0", "--management.server.port=0",
            "--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresDatabase.USER,
            "--spring.datasource.password=" + PostgresDatabase.PASSWORD, "--pcm.mail.enabled=false",
            "--pcm.admin.user=quantri", "--pcm.admin.password=" + PASSWORD, "--pcm.https=false")) {
      // every migration of this version ran, the Java one too
      List<String> applied = jdbc.sql("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT"
          + " NULL ORDER BY installed_rank").query(String.class).list();
      assertThat(applied).contains("9", "10", "11", "12", "13", "14", "20");
      // every row of the earlier version is there with what it held (new columns aside)
      for (String table : TABLES) {
        List<Map<String, Object>> after = rows(jdbc, table);
        assertThat(after).as(table).hasSameSizeAs(before.get(table));
        for (int i = 0; i < after.size(); i++) {
          Map<String, Object> was = before.get(table).get(i);
          Map<String, Object> now = after.get(i);
          if (!"mail_outbox".equals(table)) {
            assertThat(now).as(table).containsAllEntriesOf(was);
          } else {
            // the waiting mail is handled by this version, not dropped: kept, logged (no SMTP here)
            assertThat(now).containsEntry("dedupe_key", was.get("dedupe_key")).containsEntry("subject",
                was.get("subject"));
          }
        }
      }
      assertThat(jdbc.sql("SELECT formed_on, members, women_leaders FROM community_group WHERE code = 'CBG0574005'")
          .query().singleRow().values()).containsOnlyNulls();
      assertThat(jdbc.sql("SELECT leaders_commune_code FROM subproject WHERE code = ?").param(CODE)
          .query((rs, i) -> java.util.Optional.ofNullable(rs.getString(1))).single()).isEmpty();
      // and served as before
      IdentityService identity = app.getBean(IdentityService.class);
      User officer = identity.newUser("hanh");
      officer.setPassword("Sen-Vang-2026!");
      identity.saveUser(officer);
      identity.createMembership("hanh", "dwcOfficers");
      String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      ApiClient dwc = new ApiClient(base, "hanh", "Sen-Vang-2026!");
      var read = dwc.get("/api/subprojects/" + CODE);
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      JsonNode subproject = JSON.readTree(read.body());
      assertThat(subproject.findValue("approvedGrant").asLong()).isEqualTo(15_000_000L);
      assertThat(subproject.findValue("communeCode").asText()).isEqualTo("05740");
      assertThat(read.body()).as("its decisions").contains("APPROVE");
      assertThat(JSON.readTree(dwc.get("/api/cycles/CM-2025-1/ledger").body()).findValuesAsText("kind"))
          .containsExactlyInAnyOrder("COMMIT", "DISBURSE");
      assertThat(new ApiClient(base, "quantri", PASSWORD).get("/api/directory/groups.csv").body())
          .contains("CBG0574005;CBG;Nhóm Khuôn Ngục;0574005;facilitator1;;;\n");
    }
  }

  private static List<Map<String, Object>> rows(JdbcClient jdbc, String table) {
    String order = switch (table) {
      case "envelope" -> "cycle_code, holder_code";
      case "place", "school", "community_group", "funding_cycle", "subproject" -> "code";
      default -> "id";
    };
    return jdbc.sql("SELECT * FROM " + table + " ORDER BY " + order).query().listOfRows();
  }

  private static void fillAsTheEarlierVersionLeftIt(JdbcClient jdbc) {
    jdbc.sql("""
        INSERT INTO place (code, parent_code, kind, name) VALUES ('19', NULL, 'PROVINCE', 'Tỉnh Thái Nguyên'),
            ('171', '19', 'DISTRICT', 'Huyện Đại Từ'), ('05740', '171', 'COMMUNE', 'Xã Hoàng Nông'),
            ('0574005', '05740', 'HAMLET', 'Xóm Khuôn Ngục')""").update();
    jdbc.sql("INSERT INTO school (code, commune_code, name) VALUES ('THCS05740', '05740', 'Trường THCS Hoàng Nông')")
        .update();
    jdbc.sql("""
        INSERT INTO community_group (code, kind, name, hamlet_code, school_code, facilitator_id)
        VALUES ('CBG0574005', 'CBG', 'Nhóm Khuôn Ngục', '0574005', NULL, 'facilitator1')""").update();
    jdbc.sql("""
        INSERT INTO funding_cycle (code, fund_code, name, opens_on, closes_on, status, created_by, created_at)
        VALUES ('CM-2025-1', 'CM', 'Quỹ QLCĐ, đợt 1 năm 2025', DATE '2025-01-01', DATE '2025-12-31', 'OPEN',
            'officer1', TIMESTAMP '2025-01-02 08:00:00')""").update();
    jdbc.sql("INSERT INTO envelope (cycle_code, holder_code, amount, committed) VALUES ('CM-2025-1', '05740',"
        + " 150000000, 15000000)").update();
    jdbc.sql("""
        INSERT INTO subproject (code, process_instance_id, title, fund_code, cycle_code, group_code, unit_type,
            unit_code, unit_name, commune_code, commune_name, facilitator_id, stage, requested_grant, approved_grant,
            disbursed, contribution_planned, contribution_cash, contribution_labour, contribution_materials,
            beneficiaries_women, beneficiaries_men, planned_start, planned_end, submitted_at, updated_at,
            district_code, province_code)
        VALUES (?, 'instance-of-2025', 'Đường bê tông xóm', 'CM', 'CM-2025-1', 'CBG0574005', 'HAMLET', '0574005',
            'Xóm Khuôn Ngục', '05740', 'Xã Hoàng Nông', 'facilitator1', 'REPORTING', 15000000, 15000000, 15000000,
            4000000, 2000000, 2000000, 0, 30, 28, DATE '2025-03-01', DATE '2025-08-31',
            TIMESTAMP '2025-02-01 09:00:00', TIMESTAMP '2025-03-05 10:00:00', '171', '19')""").param(CODE).update();
    jdbc.sql("""
        INSERT INTO decision_log (subproject_code, process_instance_id, task_key, step, outcome, amount, actor,
            decided_at)
        VALUES (?, 'instance-of-2025', 'UserTask_AppraiseProposal', 'Thẩm định', 'APPROVE', 15000000, 'officer1',
            TIMESTAMP '2025-02-20 10:00:00')""").param(CODE).update();
    jdbc.sql("""
        INSERT INTO ledger_entry (subproject_code, fund_code, cycle_code, commune_code, kind, tranche_number, amount,
            actor, recorded_at, envelope_holder)
        VALUES (?, 'CM', 'CM-2025-1', '05740', 'COMMIT', NULL, 15000000, 'officer1', TIMESTAMP '2025-02-20 10:00:00',
            '05740'),
            (?, 'CM', 'CM-2025-1', '05740', 'DISBURSE', 1, 15000000, 'finance1', TIMESTAMP '2025-03-01 10:00:00',
            '05740')""").params(CODE, CODE).update();
    jdbc.sql("""
        INSERT INTO mail_outbox (dedupe_key, kind, subproject_code, recipient_user, recipient_email, language, subject,
            body_text, body_html, status, attempts, next_attempt_at, created_at)
        VALUES ('task:earlier:facilitator1', 'TASK_CREATED', ?, 'facilitator1', 'facilitator1@example.org', 'vi',
            'Việc mới', 'Việc mới: báo cáo hoàn thành', '<p>Việc mới</p>', 'PENDING', 0,
            TIMESTAMP '2025-03-05 10:00:00', TIMESTAMP '2025-03-05 10:00:00')""").param(CODE).update();
  }
}
