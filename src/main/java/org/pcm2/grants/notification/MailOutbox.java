package org.pcm2.grants.notification;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.pcm2.grants.system.Databases;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds mails to the outbox in the caller's transaction, and wakes the sender when it commits
 * ({@link MailSenderJob#queued}); a dedupe key already there adds nothing.
 * An account mail ({@code ACCOUNT_*}) holds a one-time link to choose a password: its body is
 * kept here to be sent, and never written to the log.
 */
@Component
public class MailOutbox {

  /** The kinds of mail whose body holds a one-time link start with this. */
  public static final String ACCOUNT_KIND_PREFIX = "ACCOUNT_";

  /** Whether a mail of this kind holds a one-time link, so its body must stay out of the log. */
  public static boolean carriesOneTimeLink(String kind) {
    return kind != null && kind.startsWith(ACCOUNT_KIND_PREFIX);
  }

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final boolean postgres;

  public MailOutbox(JdbcClient jdbc, ApplicationEventPublisher events, DataSource dataSource) throws SQLException {
    this.jdbc = jdbc;
    this.events = events;
    // on PostgreSQL one statement adds the mail unless its key is there, without failing for a
    // concurrent transaction's same key; the embedded H2 looks first
    this.postgres = Databases.isPostgres(dataSource);
  }

  /** @return whether the mail was added (false: this person already has this event's mail) */
  public boolean add(String dedupeKey, String kind, String subprojectCode, Recipient to, MailComposer.Mail mail) {
    String key = dedupeKey.length() > 200 ? dedupeKey.substring(0, 200) : dedupeKey;
    Timestamp now = Timestamp.from(Instant.now());
    if (!postgres && jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key = ?").param(key).query(Long.class)
        .single() > 0) {
      return false;
    }
    int added = jdbc.sql("""
        INSERT INTO mail_outbox (dedupe_key, kind, subproject_code, recipient_user, recipient_email, language, subject,
                                 body_text, body_html, status, attempts, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
        """ + (postgres ? " ON CONFLICT (dedupe_key) DO NOTHING" : "")).params(key, kind, subprojectCode, to.userId(),
        to.email(), to.language(), mail.subject(), mail.text(), mail.html(), now, now).update();
    if (added == 0) {
      return false; // this person already has this event's mail
    }
    events.publishEvent(new MailQueued(key)); // the sender goes when this transaction commits
    return true;
  }
}
