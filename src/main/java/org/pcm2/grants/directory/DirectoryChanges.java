package org.pcm2.grants.directory;

import java.sql.Timestamp;
import java.time.Instant;
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

  public DirectoryChanges(JdbcClient jdbc) {
    this.jdbc = jdbc;
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

  private static String clip(String text) {
    return text == null || text.length() <= 200 ? text : text.substring(0, 200);
  }
}
