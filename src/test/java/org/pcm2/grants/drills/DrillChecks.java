package org.pcm2.grants.drills;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What every drill checks in the database afterwards: nothing twice, money in step. */
final class DrillChecks {

  private DrillChecks() {
  }

  static long count(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Titles starting with the prefix that were registered as more than one sub-project. */
  static long registeredTwice(Statement sql, String titlePrefix) throws SQLException {
    return count(sql, "SELECT COUNT(*) FROM (SELECT title FROM subproject WHERE title LIKE '" + titlePrefix + "%'"
        + " GROUP BY title HAVING COUNT(*) > 1) twice");
  }

  /** How many times the sub-project's step is in the decision log. */
  static long decisions(Statement sql, String code, String taskKey) throws SQLException {
    return count(sql, "SELECT COUNT(*) FROM decision_log WHERE subproject_code = '" + code + "' AND task_key = '"
        + taskKey + "'");
  }

  /** Envelopes whose committed sum differs from the ledger's, or exceeds the envelope. */
  static long envelopesOutOfStep(Statement sql) throws SQLException {
    return count(sql, "SELECT COUNT(*) FROM envelope e WHERE e.committed <> COALESCE((SELECT SUM("
        + "CASE l.kind WHEN 'COMMIT' THEN l.amount WHEN 'RELEASE' THEN -l.amount ELSE 0 END)"
        + " FROM ledger_entry l WHERE l.cycle_code = e.cycle_code AND l.envelope_holder = e.holder_code), 0)"
        + " OR e.committed > e.amount");
  }
}
