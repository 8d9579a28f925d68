package org.pcm2.grants.proposal;

import java.sql.SQLException;
import java.time.Year;
import javax.sql.DataSource;
import org.pcm2.grants.system.Databases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out sub-project codes such as {@code TDA-2026-05740-003}: year, commune, and a
 * number counted per commune and year. The counter row is locked while it is read and
 * advanced, so two submissions never get the same code, and created without a race.
 */
@Component
public class SubprojectCodes {

  private final JdbcClient jdbc;
  private final boolean postgres;
  private final String createCounter;

  public SubprojectCodes(JdbcClient jdbc, DataSource dataSource) throws SQLException {
    this.jdbc = jdbc;
    this.postgres = Databases.isPostgres(dataSource);
    // The first two submissions of a commune in a year may arrive together: the counter row
    // is created by whichever comes first, without failing the other (which then waits for it).
    this.createCounter = this.postgres
        ? "INSERT INTO subproject_code_counter (scope, next_value) VALUES (?, 1) ON CONFLICT (scope) DO NOTHING"
        : "INSERT INTO subproject_code_counter (scope, next_value) SELECT ?, 1 FROM (VALUES (1)) one"
            + " WHERE NOT EXISTS (SELECT 1 FROM subproject_code_counter WHERE scope = ?)";
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public String next(String communeCode) {
    String scope = Year.now() + "-" + communeCode;
    if (postgres) {
      jdbc.sql(createCounter).param(scope).update();
    } else {
      jdbc.sql(createCounter).params(scope, scope).update();
    }
    long value = jdbc.sql("SELECT next_value FROM subproject_code_counter WHERE scope = ? FOR UPDATE")
        .param(scope).query(Long.class).single();
    jdbc.sql("UPDATE subproject_code_counter SET next_value = ? WHERE scope = ?").params(value + 1, scope).update();
    return String.format("TDA-%s-%03d", scope, value);
  }
}
