package org.pcm2.grants.notification;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Adds mails to the outbox in the caller's transaction; a dedupe key already there adds nothing. */
@Component
public class MailOutbox {

  private final JdbcClient jdbc;

  public MailOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return whether the mail was added (false: this person already has this event's mail) */
  public boolean add(String dedupeKey, String kind, String subprojectCode, Recipient to, MailComposer.Mail mail) {
    String key = dedupeKey.length() > 200 ? dedupeKey.substring(0, 200) : dedupeKey;
    boolean exists = jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE dedupe_key = ?").param(key).query(Long.class)
        .single() > 0;
    if (exists) {
      return false;
    }
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("""
        INSERT INTO mail_outbox (dedupe_key, kind, subproject_code, recipient_user, recipient_email, language, subject,
                                 body_text, body_html, status, attempts, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
        """).params(key, kind, subprojectCode, to.userId(), to.email(), to.language(), mail.subject(), mail.text(),
        mail.html(), now, now).update();
    return true;
  }
}
