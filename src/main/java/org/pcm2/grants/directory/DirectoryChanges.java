package org.pcm2.grants.directory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The directory's change log ({@code directory_change}): who changed what, when, from what
 * to what. Written in the transaction of the change itself, so that no change exists
 * without its line.
 */
@Component
public class DirectoryChanges {

  /** What was changed: a place, a school, a group or a person. */
  public enum Subject {
    PLACE, SCHOOL, GROUP, PERSON
  }

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  public DirectoryChanges(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  public void record(String actor, Subject subject, String code, String field, String before, String after,
      String note) {
    jdbc.sql("""
        INSERT INTO directory_change (changed_at, changed_by, subject_kind, subject_code, field, before_value,
          after_value, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """).params(Timestamp.from(Instant.now()), actor, subject.name(), code, field, clip(before), clip(after),
        note).update();
  }

  /** One change among many, for {@link #recordAll}. */
  public record Change(Subject subject, String code, String field, String before, String after, String note) {
  }

  /** Many changes by one person at once (an import), a batch at a time. */
  public void recordAll(String actor, List<Change> changes) {
    Timestamp now = Timestamp.from(Instant.now());
    batches.batchUpdate("""
        INSERT INTO directory_change (changed_at, changed_by, subject_kind, subject_code, field, before_value,
          after_value, note)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", changes, 1000, (ps, c) -> {
          ps.setTimestamp(1, now);
          ps.setString(2, actor);
          ps.setString(3, c.subject().name());
          ps.setString(4, c.code());
          ps.setString(5, c.field());
          ps.setString(6, clip(c.before()));
          ps.setString(7, clip(c.after()));
          ps.setString(8, c.note());
        });
  }

  private static String clip(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200);
  }
}
