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
 * Migration 25 on H2: a new database, without the engine's tables yet, passes it; on a
 * database of an earlier version, school sub-projects without their girls and boys get them
 * from the engine's history, and no other row changes.
 */
class StudentsBackfillMigrationIT {

  private JdbcDataSource dataSource;
  private JdbcClient jdbc;

  @BeforeEach
  void database() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:students-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
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
        .javaMigrations(new ContributionBackfillMigration(), new StudentsBackfillMigration()).target(target).load()
        .migrate();
  }

  @Test
  void newDatabaseWithoutTheEngineTablesPassesIt() {
    MigrateResult result = migrate("25");

    assertThat(result.success).isTrue();
    assertThat(result.targetSchemaVersion).isEqualTo("25");
  }

  @Test
  void schoolSubprojectsOfAnEarlierVersionGetTheirStudentsFromTheHistory() {
    migrate("24");
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setProcessEngineName("students-" + UUID.randomUUID()).setDataSource(dataSource)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL).setJobExecutorActivate(false).buildProcessEngine();
    try {
      engine.getRepositoryService().createDeployment().addModelInstance("earlier.bpmn",
          Bpmn.createExecutableProcess("earlier").camundaHistoryTimeToLive(1).startEvent().userTask().endEvent()
              .done()).deploy();
      String school = engine.getRuntimeService().startProcessInstanceByKey("earlier", Map.of(
          "studentsGirls", 14L, "studentsBoys", 11)).getId();
      String hamlet = engine.getRuntimeService().startProcessInstanceByKey("earlier", Map.of(
          "studentsGirls", 99L)).getId();
      insert("TDA-2024-19120-001", school, "SCHOOL", null, null);
      insert("TDA-2024-05740-002", hamlet, "HAMLET", null, null);
      insert("TDA-2026-19120-003", "later", "SCHOOL", 7, 8);

      assertThat(migrate("25").targetSchemaVersion).isEqualTo("25");

      assertThat(students("TDA-2024-19120-001")).isEqualTo("14 11");
      assertThat(students("TDA-2024-05740-002")).as("a hamlet group's has none").isEqualTo("null null");
      assertThat(students("TDA-2026-19120-003")).as("already kept").isEqualTo("7 8");
    } finally {
      engine.close();
    }
  }

  private void insert(String code, String instance, String unitType, Integer girls, Integer boys) {
    jdbc.sql("""
        INSERT INTO subproject (code, process_instance_id, title, stage, unit_type, students_girls, students_boys,
            submitted_at, updated_at)
        VALUES (?, ?, 'Câu lạc bộ đọc sách', 'IN_REVIEW', ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
        """).params(code, instance, unitType, girls, boys).update();
  }

  private String students(String code) {
    return jdbc.sql("SELECT students_girls, students_boys FROM subproject WHERE code = ?").param(code)
        .query((rs, n) -> rs.getObject(1) + " " + rs.getObject(2)).single();
  }
}
