package org.pcm2.grants.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.system.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records each requested notification in the {@code notification} table, in the same
 * transaction as the workflow step that asks for it, so none is lost and none exists
 * for a step that rolled back. Sending the mail is the outbox sender's job.
 */
@Component
class OutboxNotificationPort implements NotificationPort {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxNotificationPort.class);

  private final JdbcClient jdbc;
  private final Recipients recipients;
  private final MailComposer composer;
  private final MailOutbox outbox;

  OutboxNotificationPort(JdbcClient jdbc, Recipients recipients, MailComposer composer, MailOutbox outbox) {
    this.jdbc = jdbc;
    this.recipients = recipients;
    this.composer = composer;
    this.outbox = outbox;
  }

  @Override
  public void request(NotificationRequest r) {
    jdbc.sql("""
        INSERT INTO notification (kind, subproject_code, process_instance_id, title, commune_name, amount,
                                  recipient_users, recipient_groups, status, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
        """).params(r.kind().name(), r.subprojectCode(), r.processInstanceId(), r.title(), r.communeName(),
        r.amount(), String.join(",", r.users()), String.join(",", r.groups()), Timestamp.from(Instant.now())).update();
    LOG.debug("Notification {} for {} requested: users {} groups {}", r.kind(), r.subprojectCode(), r.users(), r.groups());
    List<Recipient> people = recipients.resolve(r.users(), r.groups());
    if (people.isEmpty()) {
      LOG.warn("Nobody reachable for {} of {}: DWC officers are told instead", r.kind(), r.subprojectCode());
      people = recipients.resolve(List.of(), List.of(IdentityGroups.DWC_OFFICERS));
    }
    Map<String, String> fields = new HashMap<>();
    fields.put("code", r.subprojectCode());
    if (r.kind().aboutRound()) {
      fields.put("round", "true");
    }
    if (r.kind().about() != null) {
      fields.put("about", r.kind().about());
    }
    fields.put("title", r.title() == null ? "" : r.title());
    if (r.communeName() != null) {
      fields.put("commune", r.communeName());
    }
    if (r.amount() != null) {
      fields.put("amount", Money.format(r.amount()));
    }
    String event = r.kind() + ":" + r.processInstanceId() + ":" + System.nanoTime();
    List<MailComposer.Mail> mails = composer.composeAll(r.kind().name(), people, fields);
    for (int i = 0; i < people.size(); i++) {
      Recipient person = people.get(i);
      outbox.add(event + ":" + person.userId(), r.kind().name(), r.subprojectCode(), person, mails.get(i));
    }
  }
}
