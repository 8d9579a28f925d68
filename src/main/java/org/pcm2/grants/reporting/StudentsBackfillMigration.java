package org.pcm2.grants.reporting;

import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 25 of the project's tables: school sub-projects recorded before migration 24,
 * when the read model did not keep the girls and boys planned, get them from their process
 * history. In Java for the reason {@link ContributionBackfillMigration} gives: a new database
 * has no history table yet when Flyway runs, and then no row waits for it.
 */
@Component
class StudentsBackfillMigration implements JavaMigration {

  private static final String WITHOUT_STUDENTS = "students_girls IS NULL AND students_boys IS NULL"
      + " AND unit_type = 'SCHOOL'";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("25");
  }

  @Override
  public String getDescription() {
    return "students planned from the process history";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      try (ResultSet waiting = statement.executeQuery("SELECT COUNT(*) FROM subproject WHERE " + WITHOUT_STUDENTS)) {
        waiting.next();
        if (waiting.getLong(1) == 0) {
          return;
        }
      }
      statement.executeUpdate("UPDATE subproject SET students_girls = (%s), students_boys = (%s) WHERE %s"
          .formatted(variable("studentsGirls"), variable("studentsBoys"), WITHOUT_STUDENTS));
    }
  }

  private static String variable(String name) {
    return "SELECT CAST(MAX(COALESCE(v.LONG_, CAST(v.DOUBLE_ AS BIGINT))) AS INTEGER) FROM ACT_HI_VARINST v"
        + " WHERE v.PROC_INST_ID_ = subproject.process_instance_id AND v.NAME_ = '" + name + "'";
  }
}
