package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's indexes as a Flyway migration on H2: on the schema a real engine makes, on a
 * database whose indexes an earlier version's start-up step already made, and once only.
 */
class EngineIndexMigrationIT {

  private JdbcDataSource dataSource;
  private ProcessEngine engine;
  private JdbcClient jdbc;

  @BeforeEach
  void engineSchema() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:engine-indexes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("engine-indexes-" + UUID.randomUUID())
        .setDataSource(dataSource)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setJobExecutorActivate(false)
        .buildProcessEngine();
    jdbc = JdbcClient.create(dataSource);
  }

  @AfterEach
  void close() {
    engine.close();
    jdbc.sql("SHUTDOWN").update();
  }

  @Test
  void newDatabaseGetsTheIndexesOnceAfterTheEngineSchema() throws Exception {
    assertThat(indexes()).isEmpty();

    MigrateResult first = EngineIndexMigration.migrate(dataSource);

    assertThat(first.migrationsExecuted).isEqualTo(1);
    assertThat(first.targetSchemaVersion).isEqualTo("1");
    assertThat(indexes()).containsExactlyInAnyOrder("PCM_IDX_AUTH_USER_ID", "PCM_IDX_JOB_DUEDATE",
        "PCM_IDX_TASK_DEF_KEY");
    assertThat(EngineIndexMigration.migrate(dataSource).migrationsExecuted).isZero();
  }

  @Test
  void databaseWhoseIndexesAnEarlierVersionMadeMigratesWithoutError() throws Exception {
    // what the start-up step of earlier versions ran on every start
    List.of("CREATE INDEX pcm_idx_auth_user_id ON act_ru_authorization (user_id_)",
        "CREATE INDEX pcm_idx_job_duedate ON act_ru_job (duedate_)",
        "CREATE INDEX pcm_idx_task_def_key ON act_ru_task (task_def_key_)")
        .forEach(statement -> jdbc.sql(statement).update());

    MigrateResult result = EngineIndexMigration.migrate(dataSource);

    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isEqualTo(1);
    assertThat(indexes()).hasSize(3);
    assertThat(jdbc.sql("SELECT \"type\" || ' ' || \"version\" FROM \"" + EngineIndexMigration.HISTORY_TABLE
        + "\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"").query(String.class).list())
        .as("baseline, then the indexes").containsExactly("BASELINE 0", "SQL 1");
  }

  private List<String> indexes() {
    return jdbc.sql("SELECT index_name FROM information_schema.indexes WHERE index_name LIKE 'PCM_IDX_%'")
        .query(String.class).list();
  }
}
