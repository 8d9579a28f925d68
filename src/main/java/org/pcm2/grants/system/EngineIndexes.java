package org.pcm2.grants.system;

import java.util.List;
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

  private final JdbcClient jdbc;

  EngineIndexes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    long started = System.nanoTime();
    INDEXES.forEach(index -> jdbc.sql(index).update());
    LOG.info("Engine tables indexed for national scale ({} indexes, {} ms)", INDEXES.size(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
