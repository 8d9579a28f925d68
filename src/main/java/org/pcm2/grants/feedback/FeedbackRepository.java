package org.pcm2.grants.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code community_feedback} table. */
@Repository
class FeedbackRepository {

  /** A piece of feedback as its sender may read it back by its reference: no contact data. */
  record Status(String reference, String communeCode, String subprojectCode, String category, String status,
      Instant receivedAt, Instant resolvedAt, String reply) {
  }

  /** Where the answer goes, if the sender gave an address. */
  record Contact(String name, String email) {
  }

  /** How the sender may be reached, for the handlers only; how it came and who entered it. */
  record FullContact(String name, String phone, String email, String channel, String recordedBy, String body) {
  }

  private final JdbcClient jdbc;

  FeedbackRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String reference, FeedbackIntake.Submission s, String channel, String recordedBy, Instant receivedAt) {
    jdbc.sql("""
        INSERT INTO community_feedback (reference, commune_code, subproject_code, category, about_leaders, body, channel,
                                        recorded_by, contact_name, contact_phone, contact_email, status, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?)
        """).params(reference, s.communeCode(), s.subprojectCode(), s.category().name(), s.aboutLeaders(), s.text(),
        channel, recordedBy, s.contactName(), s.contactPhone(), s.contactEmail(),
        Timestamp.from(receivedAt)).update();
  }

  void routed(String reference, String handler) {
    jdbc.sql("UPDATE community_feedback SET handler = ? WHERE reference = ?").params(handler, reference).update();
  }

  void linkProcess(String reference, String processInstanceId) {
    jdbc.sql("UPDATE community_feedback SET process_instance_id = ? WHERE reference = ?")
        .params(processInstanceId, reference).update();
  }

  boolean exists(String reference) {
    return jdbc.sql("SELECT COUNT(*) FROM community_feedback WHERE reference = ?").param(reference)
        .query(Long.class).single() > 0;
  }

  void escalated(String reference, Instant at) {
    jdbc.sql("UPDATE community_feedback SET status = 'ESCALATED', escalated_at = ? WHERE reference = ?")
        .params(Timestamp.from(at), reference).update();
  }

  void resolved(String reference, String reply, String by, Instant at) {
    jdbc.sql("""
        UPDATE community_feedback SET status = 'RESOLVED', reply = ?, resolved_by = ?, resolved_at = ?
        WHERE reference = ?""").params(reply, by, Timestamp.from(at), reference).update();
  }

  Optional<Status> status(String reference) {
    return jdbc.sql("""
        SELECT reference, commune_code, subproject_code, category, status, received_at, resolved_at, reply
        FROM community_feedback WHERE reference = ?""").param(reference)
        .query((rs, row) -> new Status(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6).toInstant(),
            rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8)))
        .optional();
  }

  Optional<FullContact> fullContact(String reference) {
    return jdbc.sql("""
        SELECT contact_name, contact_phone, contact_email, channel, recorded_by, body
        FROM community_feedback WHERE reference = ?""").param(reference)
        .query((rs, row) -> new FullContact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6))).optional();
  }

  Optional<Contact> contact(String reference) {
    return jdbc.sql("SELECT contact_name, contact_email FROM community_feedback WHERE reference = ?")
        .param(reference).query((rs, row) -> new Contact(rs.getString(1), rs.getString(2))).optional()
        .filter(contact -> contact.email() != null);
  }
}
