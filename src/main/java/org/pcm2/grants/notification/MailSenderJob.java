package org.pcm2.grants.notification;

import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds. Each mail is claimed in its own transaction with a row lock
 * ({@code SKIP LOCKED} on PostgreSQL, so several application instances share the work and
 * send each mail once); a failure is retried with a growing pause and, after the last
 * attempt, the mail is parked as FAILED for an administrator. Without SMTP (the embedded
 * default) mails are written to the log and kept as LOGGED.
 */
@Component
public class MailSenderJob {

  private static final Logger LOG = LoggerFactory.getLogger(MailSenderJob.class);

  /** A claimed mail. */
  private record Due(long id, String to, String subject, String text, String html, int attempts) {
  }

  private final JdbcClient jdbc;
  private final JavaMailSender mailer;
  private final TransactionTemplate transactions;
  private final boolean enabled;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final String from;
  private final String claimSql;

  public MailSenderJob(JdbcClient jdbc, JavaMailSender mailer, TransactionTemplate transactions, DataSource dataSource,
      @Value("${pcm.mail.enabled}") boolean enabled, @Value("${pcm.mail.max-attempts}") int maxAttempts,
      @Value("${pcm.mail.first-backoff}") Duration firstBackoff, @Value("${pcm.mail.from}") String from)
      throws SQLException {
    this.jdbc = jdbc;
    this.mailer = mailer;
    this.transactions = transactions;
    this.enabled = enabled;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.from = from;
    String lock;
    try (Connection connection = dataSource.getConnection()) {
      lock = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
          ? "FOR UPDATE SKIP LOCKED" : "FOR UPDATE";
    }
    this.claimSql = """
        SELECT id, recipient_email, subject, body_text, body_html, attempts FROM mail_outbox
        WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1
        """ + lock;
  }

  @Scheduled(fixedDelayString = "${pcm.mail.poll-interval}")
  public void sendDue() {
    for (int i = 0; i < 50 && sendOne(); i++) {
      // until nothing is due, at most 50 a round
    }
  }

  /** Claims, sends and records one due mail; false when none is due. */
  public boolean sendOne() {
    Boolean sent = transactions.execute(status -> {
      Due due = jdbc.sql(claimSql).param(Timestamp.from(Instant.now()))
          .query((rs, i) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getInt(6))).optional().orElse(null);
      if (due == null) {
        return false;
      }
      try {
        deliver(due);
        jdbc.sql("UPDATE mail_outbox SET status = ?, attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?")
            .params(enabled ? "SENT" : "LOGGED", due.attempts() + 1, Timestamp.from(Instant.now()), due.id()).update();
      } catch (Exception e) {
        int attempts = due.attempts() + 1;
        String error = String.valueOf(e.getMessage());
        if (attempts >= maxAttempts) {
          LOG.error("Mail {} to {} parked as FAILED after {} attempts: {}", due.id(), due.to(), attempts, error);
          jdbc.sql("UPDATE mail_outbox SET status = 'FAILED', attempts = ?, last_error = ? WHERE id = ?")
              .params(attempts, truncate(error), due.id()).update();
        } else {
          Instant next = Instant.now().plus(firstBackoff.multipliedBy(1L << Math.min(attempts - 1, 10)));
          LOG.warn("Mail {} to {} not sent (attempt {}), retry at {}: {}", due.id(), due.to(), attempts, next, error);
          jdbc.sql("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
              .params(attempts, Timestamp.from(next), truncate(error), due.id()).update();
        }
      }
      return true;
    });
    return Boolean.TRUE.equals(sent);
  }

  /** Puts a parked mail back in the queue. */
  public void retry(long id) {
    jdbc.sql("UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'FAILED'")
        .params(Timestamp.from(Instant.now()), id).update();
  }

  private void deliver(Due due) throws Exception {
    if (!enabled) {
      LOG.info("Mail (not sent: no SMTP configured) to {}: {}\n{}", due.to(), due.subject(), due.text());
      return;
    }
    MimeMessage message = mailer.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    helper.setTo(due.to());
    helper.setSubject(due.subject());
    helper.setText(due.text(), due.html());
    mailer.send(message);
  }

  private static String truncate(String text) {
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }
}
