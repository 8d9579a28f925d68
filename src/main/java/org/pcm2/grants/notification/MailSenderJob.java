package org.pcm2.grants.notification;

import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import org.pcm2.grants.system.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
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
 * <p>The sender goes as soon as a transaction that added mail commits (on a thread of its own,
 * so that nobody's step waits for the mail server); its poll ({@code pcm.mail.poll-interval})
 * is the safety net, for mail due again after a pause and mail another instance added. One
 * run at a time: a wake that comes while the sender runs has it look again when it ends.
 *
 * <p>Without SMTP (the embedded default) mails are written to the log (an account mail without
 * its body, which holds a one-time link to choose a password) and kept as LOGGED.
 * Which failure is which: {@link MailFailures}; the pause while the server is away:
 * {@link MailServerState}; the message itself: {@link MailMessages}.
 */
@Component
public class MailSenderJob {

  private static final Logger LOG = LoggerFactory.getLogger(MailSenderJob.class);
  /** Mails sent over one connection to the mail server, and recorded in one transaction. */
  static final int BATCH = 10;
  /** Batches a poll sends at most before it lets the next poll come. */
  private static final int ROUNDS = 50;

  /** A claimed mail. */
  private record Due(long id, String to, String subject, String text, String html, int attempts, String dedupeKey,
      String kind) {
  }

  private final JdbcClient jdbc;
  private final JavaMailSender mailer;
  private final TransactionTemplate transactions;
  private final boolean enabled;
  private final int maxAttempts;
  private final Duration firstBackoff;
  private final String claimSql;
  private final Recipients recipients;
  private final MailServerState server;
  private final MailMessages messages;
  private final boolean wakeOnCommit;
  private final ReentrantLock running = new ReentrantLock();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final ExecutorService waker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "mail-sender");
    thread.setDaemon(true);
    return thread;
  });

  public MailSenderJob(JdbcClient jdbc, JavaMailSender mailer, TransactionTemplate transactions, DataSource dataSource,
      Recipients recipients,
      @Value("${pcm.mail.enabled}") boolean enabled, @Value("${pcm.mail.max-attempts}") int maxAttempts,
      @Value("${pcm.mail.first-backoff}") Duration firstBackoff, @Value("${pcm.mail.from}") String from,
      @Value("${pcm.mail.wake-on-commit:true}") boolean wakeOnCommit)
      throws SQLException {
    this.wakeOnCommit = wakeOnCommit;
    this.jdbc = jdbc;
    this.recipients = recipients;
    this.mailer = mailer;
    this.transactions = transactions;
    this.enabled = enabled;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.server = new MailServerState(firstBackoff);
    this.messages = new MailMessages(mailer, from);
    String lock = Databases.isPostgres(dataSource) ? "FOR UPDATE SKIP LOCKED" : "FOR UPDATE";
    this.claimSql = """
        SELECT id, recipient_email, subject, body_text, body_html, attempts, dedupe_key, kind FROM mail_outbox
        WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
        """ + lock;
  }

  /** A transaction that added mail committed: the sender goes now, on its own thread. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void queued(MailQueued mail) {
    if (wakeOnCommit && wakeQueued.compareAndSet(false, true)) {
      waker.execute(() -> {
        wakeQueued.set(false);
        try {
          sendDue();
        } catch (RuntimeException e) {
          LOG.warn("Mail sender woken after a commit failed; its poll will try again: {}", e.toString());
        }
      });
    }
  }

  @PreDestroy
  void stop() {
    waker.shutdownNow();
  }

  @Scheduled(fixedDelayString = "${pcm.mail.poll-interval}")
  public void sendDue() {
    again.set(true);
    while (again.get() && running.tryLock()) {
      try {
        again.set(false);
        for (int i = 0; i < ROUNDS && server.mayTry() && sendBatch() == BATCH; i++) {
          // while whole batches are due, at most ROUNDS of them, and not while the server is away
        }
      } finally {
        running.unlock();
      }
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
              rs.getInt(6), rs.getString(7), rs.getString(8))).list();
      if (due.isEmpty()) {
        return 0;
      }
      if (!enabled) {
        for (Due mail : due) {
          LOG.info("Mail (not sent: no SMTP configured) to {}: {}\n{}", mail.to(), mail.subject(), loggable(mail));
          sent(mail, "LOGGED");
        }
        return due.size();
      }
      Map<Due, MimeMessage> built = new LinkedHashMap<>();
      for (Due mail : due) {
        try {
          built.put(mail, messages.message(mail.id(), mail.to(), mail.subject(), mail.text(), mail.html(),
              mail.dedupeKey()));
        } catch (Exception refused) {
          refused(mail, MailFailures.describe(refused)); // an address the mail cannot be written to
        }
      }
      Map<Object, Exception> failed = send(built.values());
      String unreachable = null;
      for (Map.Entry<Due, MimeMessage> entry : built.entrySet()) {
        Exception failure = failed.get(entry.getValue());
        if (failure == null) {
          sent(entry.getKey(), "SENT");
        } else if (MailFailures.serverUnreachable(failure)) {
          unreachable = MailFailures.describe(failure);
          jdbc.sql("UPDATE mail_outbox SET last_error = ? WHERE id = ?").params(truncate(unreachable),
              entry.getKey().id()).update();
        } else {
          refused(entry.getKey(), MailFailures.describe(failure));
        }
      }
      if (unreachable != null) {
        server.away(unreachable);
        return 0; // the round ends: the other mails wait for the server too
      }
      if (failed.size() < built.size()) {
        server.back();
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

  /** The body as the log may show it: not an account mail's, which holds a one-time link. */
  private static String loggable(Due mail) {
    return MailOutbox.carriesOneTimeLink(mail.kind()) ? "(body not logged: it holds a one-time link)" : mail.text();
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

  private static String truncate(String text) {
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }
}
