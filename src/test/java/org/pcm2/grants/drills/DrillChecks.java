package org.pcm2.grants.drills;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What every drill checks in the database afterwards (nothing twice, money in step), and
 * what it shows when a check fails.
 */
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

  /** The application's ERROR and exception lines (at most {@code max}, the first ones), to show with a failure. */
  static String errorLines(Path log, int max) {
    try (var lines = Files.lines(log)) {
      return String.join(System.lineSeparator(), lines
          .filter(l -> l.contains(" ERROR ") || l.matches("^(Caused by: |[a-z]+\\.[a-zA-Z.]+(Exception|Error)).*"))
          .limit(max).toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      return "(log not readable: " + e + ")";
    }
  }

  /** What tells two mails apart: to whom and about what (the outbox writes each once). */
  static String recipientAndSubject(MimeMessage message) {
    try {
      return ((InternetAddress) message.getAllRecipients()[0]).getAddress() + " " + message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
