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
import java.util.List;

/**
 * What every drill checks in the database afterwards (nothing twice, money in step), and
 * what it shows when a check fails.
 */
final class DrillChecks {

  /** A mail a step must have caused: to whom, about which sub-project, and words of its subject. */
  record ExpectedMail(String to, String code, String subjectWords, String step) {
  }

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

  /**
   * The checks every drill ends with, over what its clients were told: each acknowledged
   * submission is one sub-project with one process instance under its code; a refused one
   * left neither a sub-project, nor a process instance (by its title), nor its key; no step of any sub-project is in the decision log twice and no ledger
   * line is written twice; each acknowledged endorsement and approval is recorded once, an
   * approval with one commitment of the grant; an approval refused for a spent envelope
   * committed nothing; the envelopes agree with the ledger and are not exceeded; no client
   * got an answer it should not have, nor went without one unless the drill killed the
   * application.
   */
  static void afterDrill(Statement sql, DrillLoad.Outcomes outcomes, String titlePrefix, Path log)
      throws SQLException {
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    soft.assertThat(outcomes.unexpected).as("answers no client should get (%s); the application's errors:%n%s",
        outcomes, log == null ? "" : errorLines(log, 40)).isEmpty();
    soft.assertThat(outcomes.failures).as("calls without an answer while the application ran").isEmpty();
    for (var entry : outcomes.submitted.entrySet()) {
      String code = entry.getValue();
      soft.assertThat(count(sql, "SELECT COUNT(*) FROM subproject WHERE code = '" + code + "' AND title = '"
          + titlePrefix + entry.getKey() + "'")).as("sub-project %s of %s", code, entry.getKey()).isEqualTo(1);
      soft.assertThat(count(sql, "SELECT COUNT(*) FROM act_hi_procinst WHERE business_key_ = '" + code + "'"))
          .as("process instances of %s", code).isEqualTo(1);
    }
    for (String key : outcomes.refusedSubmissions.keySet()) {
      soft.assertThat(count(sql, "SELECT COUNT(*) FROM subproject WHERE title = '" + titlePrefix + key + "'")
          + count(sql, "SELECT COUNT(*) FROM submission_key WHERE idempotency_key = '" + key + "'")
          + count(sql, "SELECT COUNT(*) FROM act_hi_varinst WHERE name_ = 'title' AND text_ = '" + titlePrefix + key
              + "'"))
          .as("what the refused submission %s left", key).isZero();
    }
    soft.assertThat(count(sql, "SELECT COUNT(*) FROM (SELECT subproject_code, task_key FROM decision_log"
        + " GROUP BY subproject_code, task_key HAVING COUNT(*) > 1) twice")).as("a step of a sub-project decided twice")
        .isZero();
    soft.assertThat(count(sql, "SELECT COUNT(*) FROM (SELECT subproject_code, kind, tranche_number FROM ledger_entry"
        + " GROUP BY subproject_code, kind, tranche_number HAVING COUNT(*) > 1) twice")).as("a ledger line written twice")
        .isZero();
    for (String code : outcomes.endorsed.keySet()) {
      soft.assertThat(outcomes.endorsed.get(code).get()).as("endorsements of %s acknowledged", code).isEqualTo(1);
      soft.assertThat(decisions(sql, code, "UserTask_ReviewProposal")).as("endorsement of %s", code).isEqualTo(1);
    }
    for (String code : outcomes.approved.keySet()) {
      soft.assertThat(outcomes.approved.get(code).get()).as("approvals of %s acknowledged", code).isEqualTo(1);
      soft.assertThat(decisions(sql, code, "UserTask_AppraiseProposal")).as("approval of %s", code).isEqualTo(1);
      soft.assertThat(count(sql, "SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE kind = 'COMMIT'"
          + " AND subproject_code = '" + code + "'")).as("commitment of %s", code).isEqualTo(DrillLoad.GRANT);
    }
    for (String code : outcomes.envelopeRefused.keySet()) {
      soft.assertThat(outcomes.approved).as("approved after a refusal for its envelope").doesNotContainKey(code);
      soft.assertThat(count(sql, "SELECT COUNT(*) FROM ledger_entry WHERE subproject_code = '" + code + "'"))
          .as("ledger lines of %s, refused for its envelope", code).isZero();
    }
    soft.assertThat(envelopesOutOfStep(sql)).as("envelopes out of step with the ledger or exceeded").isZero();
    soft.assertAll();
  }

  /**
   * The mails the acknowledged steps must have caused, worked out from the steps (not from
   * the outbox): a submission tells the commune's leaders of the review to do; an
   * endorsement tells the facilitator, and both DWC officers of the appraisal; an approval
   * tells the facilitator and the commune's leaders, and finance of the payment to record.
   */
  static List<ExpectedMail> expectedMails(DrillLoad.Outcomes outcomes) {
    List<ExpectedMail> mails = new java.util.ArrayList<>();
    for (var entry : outcomes.submitted.entrySet()) {
      DrillLoad.Group group = outcomes.slotOf.get(entry.getKey()).group();
      String code = entry.getValue();
      for (String leader : group.leaders()) {
        mails.add(new ExpectedMail(leader + "@example.org", code, "Việc mới cần xử lý", "submission"));
      }
      if (outcomes.endorsed.containsKey(code)) {
        mails.add(new ExpectedMail(group.facilitator() + "@example.org", code, "Xã đã nhất trí", "endorsement"));
        for (String officer : List.of("officer1", "officer2")) {
          mails.add(new ExpectedMail(officer + "@example.org", code, "Việc mới cần xử lý", "endorsement"));
        }
      }
      if (outcomes.approved.containsKey(code)) {
        for (String person : java.util.stream.Stream.concat(java.util.stream.Stream.of(group.facilitator()),
            group.leaders().stream()).toList()) {
          mails.add(new ExpectedMail(person + "@example.org", code, "Tài trợ được phê duyệt", "approval"));
        }
        mails.add(new ExpectedMail("finance1@example.org", code, "Việc mới cần xử lý", "approval"));
      }
    }
    return mails;
  }

  /**
   * Every expected mail was received under exactly one Message-ID (a copy sent again after a
   * crash or an outage carries the same one), and no mail at all under two.
   */
  static void everyExpectedMailReceivedOnce(List<ExpectedMail> expected, MimeMessage[] received) {
    java.util.Map<String, java.util.Set<String>> idsBySubject = new java.util.HashMap<>();
    for (MimeMessage message : received) {
      idsBySubject.computeIfAbsent(recipientAndSubject(message), k -> new java.util.HashSet<>()).add(messageId(message));
    }
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    soft.assertThat(expected).as("mails the steps caused").isNotEmpty();
    for (ExpectedMail mail : expected) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      idsBySubject.forEach((subject, messageIds) -> {
        if (subject.startsWith(mail.to() + " ") && subject.contains(mail.subjectWords())
            && subject.contains(mail.code())) {
          ids.addAll(messageIds);
        }
      });
      soft.assertThat(ids).as("Message-IDs of the %s mail to %s about %s", mail.step(), mail.to(), mail.code())
          .hasSize(1);
    }
    soft.assertThat(idsBySubject.entrySet().stream().filter(e -> e.getValue().size() > 1).map(java.util.Map.Entry::getKey))
        .as("a mail received under two Message-IDs").isEmpty();
    soft.assertAll();
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
