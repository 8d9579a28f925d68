package org.pcm2.grants.system;

import jakarta.annotation.PostConstruct;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's own tables (db/engine-indexes/{h2,postgresql}), versioned in Flyway
 * like the project's tables. They cannot be among the project's migrations: those run before
 * the engine makes its schema on a new database. So a second Flyway, with its own history
 * table, runs them once the process engine exists (it makes or updates its schema as it is
 * built), before the application serves a request or runs a job. A database of an earlier
 * version, whose indexes a start-up step made, is baselined and gets the same statements,
 * each of which leaves an existing index alone.
 */
@Component
class EngineIndexMigration {

  /** The history table of these migrations, apart from the project's own. */
  static final String HISTORY_TABLE = "flyway_engine_indexes_history";

  private final DataSource dataSource;

  EngineIndexMigration(ProcessEngine engine, DataSource dataSource) {
    // the engine is a parameter so that it, and with it its schema, is there first
    this.dataSource = dataSource;
  }

  @PostConstruct
  void migrate() throws SQLException {
    migrate(dataSource);
  }

  static MigrateResult migrate(DataSource dataSource) throws SQLException {
    String vendor = Databases.isPostgres(dataSource) ? "postgresql" : "h2";
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/engine-indexes/" + vendor)
        .table(HISTORY_TABLE)
        // the schema already holds the engine's and the project's tables
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
