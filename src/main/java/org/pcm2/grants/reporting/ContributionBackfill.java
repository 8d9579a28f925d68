package org.pcm2.grants.reporting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sub-projects recorded before the read model kept the contribution by kind (cash, labour,
 * materials) get it from their process history, once, at start-up; later ones have it from
 * their first step. Idempotent: only rows still without any of the three are touched.
 */
@Component
class ContributionBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(ContributionBackfill.class);

  private final JdbcClient jdbc;

  ContributionBackfill(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener(ApplicationReadyEvent.class)
  void fill() {
    int rows = jdbc.sql("""
        UPDATE subproject SET
            contribution_cash = (%s), contribution_labour = (%s), contribution_materials = (%s)
        WHERE contribution_cash IS NULL AND contribution_labour IS NULL AND contribution_materials IS NULL
          AND contribution_planned IS NOT NULL
        """.formatted(variable("contributionCash"), variable("contributionLabour"),
        variable("contributionMaterials"))).update();
    if (rows > 0) {
      LOG.info("Contribution by kind taken from the process history for {} sub-projects", rows);
    }
  }

  private static String variable(String name) {
    return "SELECT MAX(COALESCE(v.LONG_, CAST(v.DOUBLE_ AS BIGINT))) FROM ACT_HI_VARINST v"
        + " WHERE v.PROC_INST_ID_ = subproject.process_instance_id AND v.NAME_ = '" + name + "'";
  }
}
