package org.pcm2.grants.notification;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.pcm2.grants.system.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds, in batches: up to {@value #BATCH} due mails are claimed with
 * row locks ({@code SKIP LOCKED} on PostgreSQL, so several application instances share the
 * work and send each mail once), sent over one connection to the mail server and recorded
 * in one transaction. Two kinds of failure:
 * <ul>
 * <li>the mail server cannot be reached (down, restarting, refusing connections, signing in
 * refused): no mail is at fault, so none loses an attempt; sending pauses for a short,
 * growing while (at most 5 s) and every waiting mail goes out as soon as the server is back,
 * however long it was away;</li>
 * <li>the server refuses this mail (a malformed or unknown address): retried with a growing
 * pause and, after the last attempt, parked as FAILED for an administrator.</li>
 * </ul>
 * Without SMTP (the embedded default) mails are written to the log and kept as LOGGED.
 */
@Component
public class MailSenderJob {

  private static final Logger LOG = LoggerFactory.getLogger(MailSenderJob.class);
  private static final Duration LONGEST_SERVER_PAUSE = Duration.ofSeconds(5);
  /** Mails sent over one connection to the mail server, and recorded in one transaction. */
  static final int BATCH = 10;
  /** Batches a poll sends at most before it lets the next poll come. */
  private static final int ROUNDS = 50;

  /** A claimed mail. */
  private record Due(long id, String to, String subject, String text, String html, int attempts, String dedupeKey) {
  }

  private final JdbcClient jdbc;
  private final JavaMailSender mailer;
  private final TransactionTemplate transactions;
  private final boolean enabled;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final String from;
  private final String claimSql;
  private final Recipients recipients;
  /** The mail server's failures in a row, and no sending before the pause they earned is over. */
  private final AtomicInteger serverFailures = new AtomicInteger();
  private volatile Instant serverPausedUntil = Instant.MIN;
  private volatile Instant serverDownSince;

  public MailSenderJob(JdbcClient jdbc, JavaMailSender mailer, TransactionTemplate transactions, DataSource dataSource,
      Recipients recipients,
      @Value("${pcm.mail.enabled}") boolean enabled, @Value("${pcm.mail.max-attempts}") int maxAttempts,
      @Value("${pcm.mail.first-backoff}") Duration firstBackoff, @Value("${pcm.mail.from}") String from)
      throws SQLException {
    this.jdbc = jdbc;
    this.recipients = recipients;
    this.mailer = mailer;
    this.transactions = transactions;
    this.enabled = enabled;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.from = from;
    String lock = Databases.isPostgres(dataSource) ? "FOR UPDATE SKIP LOCKED" : "FOR UPDATE";
    this.claimSql = """
        SELECT id, recipient_email, subject, body_text, body_html, attempts, dedupe_key FROM mail_outbox
        WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
        """ + lock;
  }

  @Scheduled(fixedDelayString = "${pcm.mail.poll-interval}")
  public void sendDue() {
    for (int i = 0; i < ROUNDS && Instant.now().isAfter(serverPausedUntil) && sendBatch() == BATCH; i++) {
      // while whole batches are due, at most ROUNDS of them, and not while the server is away
    }
  }

  /**
   * Claims up to {@link #BATCH} due mails, sends them over one connection to the mail server
   * and records each one's outcome, in one transaction; the number of mails dealt with, or 0
   * when none was due or the server could not be reached.
   */
  public int sendBatch() {
    Integer handled = transactions.execute(status -> {
      List<Due> due = jdbc.sql(claimSql).params(Timestamp.from(Instant.now()), BATCH)
          .query((rs, i) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getInt(6), rs.getString(7))).list();
      if (due.isEmpty()) {
        return 0;
      }
      if (!enabled) {
        for (Due mail : due) {
          LOG.info("Mail (not sent: no SMTP configured) to {}: {}\n{}", mail.to(), mail.subject(), mail.text());
          sent(mail, "LOGGED");
        }
        return due.size();
      }
      Map<Due, MimeMessage> messages = new LinkedHashMap<>();
      for (Due mail : due) {
        try {
          messages.put(mail, message(mail));
        } catch (Exception refused) {
          refused(mail, describe(refused)); // an address the mail cannot be written to
        }
      }
      Map<Object, Exception> failed = send(messages.values());
      String unreachable = null;
      for (Map.Entry<Due, MimeMessage> entry : messages.entrySet()) {
        Exception failure = failed.get(entry.getValue());
        if (failure == null) {
          sent(entry.getKey(), "SENT");
        } else if (serverUnreachable(failure)) {
          unreachable = describe(failure);
          jdbc.sql("UPDATE mail_outbox SET last_error = ? WHERE id = ?").params(truncate(unreachable),
              entry.getKey().id()).update();
        } else {
          refused(entry.getKey(), describe(failure));
        }
      }
      if (unreachable != null) {
        serverAway(unreachable);
        return 0; // the round ends: the other mails wait for the server too
      }
      if (failed.size() < messages.size()) {
        serverBack();
      }
      return due.size();
    });
    return handled == null ? 0 : handled;
  }

  /**
   * Sends the messages over one connection (Spring's batch send); the failed ones, each with
   * its own failure. A connection that cannot be opened fails every message not yet sent.
   */
  private Map<Object, Exception> send(Collection<MimeMessage> messages) {
    if (messages.isEmpty()) {
      return Map.of();
    }
    try {
      mailer.send(messages.toArray(MimeMessage[]::new));
      return Map.of();
    } catch (MailSendException e) {
      if (!e.getFailedMessages().isEmpty()) {
        return e.getFailedMessages();
      }
      return everyOne(messages, e);
    } catch (MailException e) {
      return everyOne(messages, e); // e.g. signing in refused: no message went out
    }
  }

  private static Map<Object, Exception> everyOne(Collection<MimeMessage> messages, Exception failure) {
    Map<Object, Exception> all = new IdentityHashMap<>();
    messages.forEach(message -> all.put(message, failure));
    return all;
  }

  private void sent(Due mail, String status) {
    jdbc.sql("UPDATE mail_outbox SET status = ?, attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?")
        .params(status, mail.attempts() + 1, Timestamp.from(Instant.now()), mail.id()).update();
  }

  /** The mail server refused this mail: retried after a growing pause, parked after the last attempt. */
  private void refused(Due mail, String error) {
    int attempts = mail.attempts() + 1;
    if (attempts >= maxAttempts) {
      LOG.error("Mail {} to {} parked as FAILED after {} attempts: {}", mail.id(), mail.to(), attempts, error);
      jdbc.sql("UPDATE mail_outbox SET status = 'FAILED', attempts = ?, last_error = ? WHERE id = ?")
          .params(attempts, truncate(error), mail.id()).update();
    } else {
      Instant next = Instant.now().plus(firstBackoff.multipliedBy(1L << Math.min(attempts - 1, 10)));
      LOG.warn("Mail {} to {} not sent (attempt {}), retry at {}: {}", mail.id(), mail.to(), attempts, next, error);
      jdbc.sql("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")
          .params(attempts, Timestamp.from(next), truncate(error), mail.id()).update();
    }
  }

  private static String describe(Exception e) {
    return e instanceof AddressException refused && refused.getRef() != null
        ? refused.getMessage() + ": " + refused.getRef() : String.valueOf(e.getMessage());
  }

  /**
   * Puts a parked mail back in the queue, to the recipient's address as it is now (an
   * administrator may have corrected it since).
   */
  public void retry(long id) {
    String user = jdbc.sql("SELECT recipient_user FROM mail_outbox WHERE id = ? AND status = 'FAILED'").param(id)
        .query(String.class).optional().orElse(null);
    if (user == null) {
      return;
    }
    String email = recipients.currentEmail(user).orElse(null);
    jdbc.sql("""
        UPDATE mail_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?,
               recipient_email = COALESCE(?, recipient_email) WHERE id = ? AND status = 'FAILED'
        """).params(Timestamp.from(Instant.now()), email, id).update();
  }

  /**
   * Whether the failure is the mail server's, not the mail's: it could not be reached or
   * talked to (a network error), it would not let the application sign in, or it said it
   * is closing (421), closed the connection under a command (what Jakarta Mail reports as
   * {@code [EOF]} when a server stops during a batch) or did not greet the application
   * (a server stopping as the connection is opened).
   */
  static boolean serverUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof MailAuthenticationException
          || cause instanceof AuthenticationFailedException) {
        return true;
      }
      String message = cause.getMessage();
      if (message != null && (message.startsWith("421") || message.contains("[EOF]")
          || message.startsWith("Got bad greeting"))) {
        return true; // closing (421), the connection closed under a command ([EOF]), no greeting
      }
      // a failure while sending one message is kept beside the exception, not as its cause
      if (cause instanceof MailSendException send
          && send.getFailedMessages().values().stream().anyMatch(MailSenderJob::serverUnreachable)) {
        return true;
      }
    }
    return false;
  }

  private void serverAway(String error) {
    int failures = serverFailures.incrementAndGet();
    Duration pause = Duration.ofMillis(500L << Math.min(failures - 1, 10));
    Duration longest = firstBackoff.compareTo(LONGEST_SERVER_PAUSE) < 0 ? firstBackoff : LONGEST_SERVER_PAUSE;
    serverPausedUntil = Instant.now().plus(pause.compareTo(longest) < 0 ? pause : longest);
    if (failures == 1) {
      serverDownSince = Instant.now();
      LOG.warn("Mail server unreachable; mails wait in the outbox and go out once it is back: {}", error);
    }
  }

  private void serverBack() {
    if (serverFailures.getAndSet(0) > 0) {
      Instant since = serverDownSince;
      LOG.info("Mail server reachable again{}; sending the mails that waited",
          since == null ? "" : " after " + Duration.between(since, Instant.now()).toSeconds() + " s");
    }
  }

  private MimeMessage message(Due due) throws Exception {
    MimeMessage message = mailer.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    // the same mail sent again (at-least-once: a crash between the server's acceptance and the
    // outbox's record) carries the same Message-ID, so mail clients show it once
    String sender = ((InternetAddress) message.getFrom()[0]).getAddress();
    message.setHeader("Message-ID", messageId(due.id(), due.dedupeKey(), sender.substring(sender.indexOf('@') + 1)));
    helper.setTo(due.to());
    helper.setSubject(due.subject());
    helper.setText(due.text(), due.html());
    return message;
  }

  /** A Message-ID that is the same every time this outbox row is sent: {@code <pcm2-ID-HASH@domain>}. */
  static String messageId(long id, String dedupeKey, String domain) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
    return "<pcm2-" + id + "-" + HexFormat.of().formatHex(hash, 0, 6) + "@" + domain + ">";
  }

  private static String truncate(String text) {
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }
}
