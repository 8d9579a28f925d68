package org.pcm2.grants.notification;

import java.sql.Timestamp;
import java.time.Instant;
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

  OutboxNotificationPort(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void request(NotificationRequest r) {
    jdbc.sql("""
        INSERT INTO notification (kind, subproject_code, process_instance_id, title, commune_name, amount,
                                  recipient_users, recipient_groups, status, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
        """).params(r.kind().name(), r.subprojectCode(), r.processInstanceId(), r.title(), r.communeName(),
        r.amount(), String.join(",", r.users()), String.join(",", r.groups()), Timestamp.from(Instant.now())).update();
    LOG.info("Notification {} for {} requested: users {} groups {}", r.kind(), r.subprojectCode(), r.users(), r.groups());
  }
}
