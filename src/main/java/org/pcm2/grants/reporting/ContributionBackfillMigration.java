package org.pcm2.grants.reporting;

import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 10 of the project's tables: sub-projects recorded before migration 8, when the
 * read model did not yet keep the contribution by kind (cash, labour, materials), get it from
 * their process history; later ones have it from their first step. In Java rather than SQL
 * because the history is the engine's table, which a new database does not have yet when
 * Flyway runs: there no row waits for it and the engine's table is never read. Spring Boot
 * hands this bean to Flyway with the SQL migrations.
 */
@Component
class ContributionBackfillMigration implements JavaMigration {

  private static final String WITHOUT_KINDS = """
      contribution_cash IS NULL AND contribution_labour IS NULL AND contribution_materials IS NULL
      AND contribution_planned IS NOT NULL""";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("10");
  }

  @Override
  public String getDescription() {
    return "contribution by kind from the process history";
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
      try (ResultSet waiting = statement.executeQuery("SELECT COUNT(*) FROM subproject WHERE " + WITHOUT_KINDS)) {
        waiting.next();
        if (waiting.getLong(1) == 0) {
          return;
        }
      }
      statement.executeUpdate("""
          UPDATE subproject SET
              contribution_cash = (%s), contribution_labour = (%s), contribution_materials = (%s)
          WHERE %s""".formatted(variable("contributionCash"), variable("contributionLabour"),
          variable("contributionMaterials"), WITHOUT_KINDS));
    }
  }

  private static String variable(String name) {
    return "SELECT MAX(COALESCE(v.LONG_, CAST(v.DOUBLE_ AS BIGINT))) FROM ACT_HI_VARINST v"
        + " WHERE v.PROC_INST_ID_ = subproject.process_instance_id AND v.NAME_ = '" + name + "'";
  }
}
