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
      "CREATE INDEX IF NOT EXISTS pcm_idx_job_duedate ON act_ru_job (duedate_)");

  /** On H2 (the embedded default, a few hundred tasks), the steps' key alone. */
  static final List<String> H2_INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS pcm_idx_task_def_key ON act_ru_task (task_def_key_)");

  /**
   * The rights that let a person read tasks (READ on a task, 7 &amp; 2, or READ_TASK on a process
   * definition, 6 &amp; 64), by group and by user: the engine checks every task query against
   * exactly this condition. The DWC officers' group holds a work right on each of its
   * 25,000 waiting tasks at national scale and two read rights; without these partial indexes
   * every Tasklist query of an officer read all 25,002 rows to find the two (20 ms of a 33 ms
   * page, 40 ms of its count).
   */
  static final String TASK_READ_RIGHTS = "(resource_type_ = 7 AND perms_ & 2 = 2 OR resource_type_ = 6"
      + " AND perms_ & 64 = 64)";
  /**
   * The rights that let a person read process variables (READ on a process instance, 8 &amp; 2,
   * READ_INSTANCE on a process definition, 6 &amp; 512, or READ on a task, 7 &amp; 2): the
   * engine checks the variable query the Tasklist sends for a page's columns against this
   * condition. Without these, PostgreSQL found the officers' two such rights among 25,029
   * rows of their group (20 of the 22 ms of that query at national scale).
   */
  static final String VARIABLE_READ_RIGHTS = "(resource_type_ = 8 AND perms_ & 2 = 2 OR resource_type_ = 6"
      + " AND perms_ & 512 = 512 OR resource_type_ = 7 AND perms_ & 2 = 2)";

  /**
   * PostgreSQL only (H2 has neither partial nor covering indexes); the partial ones are
   * used because the postgres profile plans each statement for its values. The steps' key
   * carries the columns a count of a queue reads (the task, its definition, tenant and case
   * execution), so that counting the 12,500 tasks waiting for DWC reads the index alone
   * instead of 4,200 pages of tasks (18 of its 51 ms); it replaces the plain index an
   * earlier version made.
   */
  static final List<String> POSTGRES_INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS pcm_idx_task_def_key_cover ON act_ru_task (task_def_key_)"
          + " INCLUDE (id_, proc_def_id_, tenant_id_, case_execution_id_)",
      "DROP INDEX IF EXISTS pcm_idx_task_def_key",
      "CREATE INDEX IF NOT EXISTS pcm_idx_auth_task_read_group ON act_ru_authorization (group_id_) WHERE "
          + TASK_READ_RIGHTS,
      "CREATE INDEX IF NOT EXISTS pcm_idx_auth_task_read_user ON act_ru_authorization (user_id_) WHERE "
          + TASK_READ_RIGHTS,
      "CREATE INDEX IF NOT EXISTS pcm_idx_auth_variable_read_group ON act_ru_authorization (group_id_) WHERE "
          + VARIABLE_READ_RIGHTS,
      "CREATE INDEX IF NOT EXISTS pcm_idx_auth_variable_read_user ON act_ru_authorization (user_id_) WHERE "
          + VARIABLE_READ_RIGHTS);

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
    indexes.addAll(postgres ? POSTGRES_INDEXES : H2_INDEXES);
    indexes.forEach(index -> jdbc.sql(index).update());
    LOG.info("Engine tables indexed for national scale ({} statements, {} ms)", indexes.size(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
