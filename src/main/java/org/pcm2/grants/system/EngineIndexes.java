package org.pcm2.grants.system;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's own schema lacks and a national programme needs, added at start-up
 * once the engine has made its tables (each is made once; afterwards this is a catalogue
 * look-up). Found with the national data set (docs/benchmarks.md): without them every
 * Tasklist query read the whole authorization table to find the person's own rows (there
 * is an index on the group, none on the user), the DWC queue read every open task to pick
 * the steps it shows, and every poll of the job executor read every timer.
 */
@Component
@Order(-20)
class EngineIndexes implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(EngineIndexes.class);

  static final List<String> INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS pcm_idx_auth_user_id ON act_ru_authorization (user_id_)",
      "CREATE INDEX IF NOT EXISTS pcm_idx_task_def_key ON act_ru_task (task_def_key_)",
      "CREATE INDEX IF NOT EXISTS pcm_idx_job_duedate ON act_ru_job (duedate_)");

  /**
   * The rights that let a person read tasks (READ on a task, 7 &amp; 2, or READ_TASK on a process
   * definition, 6 &amp; 64), by group and by user: the engine checks every task query against
   * exactly this condition. The DWC officers' group holds a work right on each of its
   * 25,000 waiting tasks at national scale and two read rights; without these partial indexes
   * every Tasklist query of an officer read all 25,002 rows to find the two (20 ms of a 33 ms
   * page, 40 ms of its count). PostgreSQL only (H2 has no partial indexes), and used because
   * the postgres profile plans each statement for its values.
   */
  static final String TASK_READ_RIGHTS = "(resource_type_ = 7 AND perms_ & 2 = 2 OR resource_type_ = 6"
      + " AND perms_ & 64 = 64)";
  static final List<String> POSTGRES_INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS pcm_idx_auth_task_read_group ON act_ru_authorization (group_id_) WHERE "
          + TASK_READ_RIGHTS,
      "CREATE INDEX IF NOT EXISTS pcm_idx_auth_task_read_user ON act_ru_authorization (user_id_) WHERE "
          + TASK_READ_RIGHTS);

  private final JdbcClient jdbc;
  private final boolean postgres;

  EngineIndexes(JdbcClient jdbc, DataSource dataSource) throws SQLException {
    this.jdbc = jdbc;
    this.postgres = Databases.isPostgres(dataSource);
  }

  @Override
  public void run(ApplicationArguments args) {
    long started = System.nanoTime();
    List<String> indexes = new ArrayList<>(INDEXES);
    if (postgres) {
      indexes.addAll(POSTGRES_INDEXES);
    }
    indexes.forEach(index -> jdbc.sql(index).update());
    LOG.info("Engine tables indexed for national scale ({} indexes, {} ms)", indexes.size(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
