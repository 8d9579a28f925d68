package org.pcm2.grants.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration 10 on H2: a new database, without the engine's tables yet, passes it; on a
 * database of an earlier version, rows without the contribution by kind get it from the
 * engine's history and no other row changes.
 */
class ContributionBackfillMigrationIT {

  private JdbcDataSource dataSource;
  private JdbcClient jdbc;

  @BeforeEach
  void database() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:backfill-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterEach
  void close() {
    jdbc.sql("SHUTDOWN").update();
  }

  private MigrateResult migrate(String target) {
    return Flyway.configure().dataSource(dataSource)
        .locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .javaMigrations(new ContributionBackfillMigration()).target(target).load().migrate();
  }

  @Test
  void newDatabaseWithoutTheEngineTablesPassesIt() {
    MigrateResult result = migrate("10");

    assertThat(result.success).isTrue();
    assertThat(result.targetSchemaVersion).isEqualTo("10");
  }

  @Test
  void rowsOfAnEarlierVersionGetTheirContributionByKindFromTheHistory() {
    migrate("9");
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("backfill-" + UUID.randomUUID()).setDataSource(dataSource)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL).setJobExecutorActivate(false).buildProcessEngine();
    try {
      engine.getRepositoryService().createDeployment().addModelInstance("earlier.bpmn",
          Bpmn.createExecutableProcess("earlier").camundaHistoryTimeToLive(1).startEvent().userTask().endEvent()
              .done()).deploy();
      String earlier = engine.getRuntimeService().startProcessInstanceByKey("earlier", Map.of(
          "contributionCash", 1_000_000L, "contributionLabour", 2_000_000, "contributionMaterials", 500_000L))
          .getId();
      insert("TDA-2024-05740-001", earlier, 3_500_000L, null);
      insert("TDA-2026-05740-002", "later", 900L, 300L);
      insert("TDA-2026-05740-003", "without-contribution", null, null);

      assertThat(migrate("10").targetSchemaVersion).isEqualTo("10");

      assertThat(kinds("TDA-2024-05740-001")).isEqualTo("1000000 2000000 500000");
      assertThat(kinds("TDA-2026-05740-002")).as("already kept by kind").isEqualTo("300 300 300");
      assertThat(kinds("TDA-2026-05740-003")).as("nothing planned").isEqualTo("null null null");
    } finally {
      engine.close();
    }
  }

  private void insert(String code, String instance, Long planned, Long eachKind) {
    jdbc.sql("""
        INSERT INTO subproject (code, process_instance_id, title, stage, contribution_planned,
            contribution_cash, contribution_labour, contribution_materials, submitted_at, updated_at)
        VALUES (?, ?, 'Nhà văn hóa', 'REVIEW', ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
        """).params(code, instance, planned, eachKind, eachKind, eachKind).update();
  }

  private String kinds(String code) {
    return jdbc.sql("SELECT contribution_cash, contribution_labour, contribution_materials FROM subproject"
        + " WHERE code = ?").param(code).query((rs, n) -> rs.getObject(1) + " " + rs.getObject(2) + " "
        + rs.getObject(3)).single();
  }
}
