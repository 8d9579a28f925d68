package org.pcm2.grants.proposal;

import java.time.Year;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out sub-project codes such as {@code TDA-2026-05740-003}: year, commune, and a
 * number counted per commune and year. The counter row is locked while it is read and
 * advanced, so two submissions never get the same code.
 */
@Component
public class SubprojectCodes {

  private final JdbcClient jdbc;

  public SubprojectCodes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public String next(String communeCode) {
    String scope = Year.now() + "-" + communeCode;
    Long current = jdbc.sql("SELECT next_value FROM subproject_code_counter WHERE scope = ? FOR UPDATE")
        .param(scope).query(Long.class).optional().orElse(null);
    long value;
    if (current == null) {
      value = 1;
      jdbc.sql("INSERT INTO subproject_code_counter (scope, next_value) VALUES (?, ?)").params(scope, 2).update();
    } else {
      value = current;
      jdbc.sql("UPDATE subproject_code_counter SET next_value = ? WHERE scope = ?").params(current + 1, scope).update();
    }
    return String.format("TDA-%s-%03d", scope, value);
  }
}
