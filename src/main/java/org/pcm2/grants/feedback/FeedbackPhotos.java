package org.pcm2.grants.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.pcm2.grants.proposal.Attachments;
import org.pcm2.grants.proposal.PhotoMetadata;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The photo sent with a piece of feedback ({@code feedback_photo}): JPEG or PNG by its own
 * first bytes, at most {@link Attachments#MAX_BYTES}, with the day and place its camera wrote
 * into it. Read only by whoever handles the feedback.
 */
@Repository
class FeedbackPhotos {

  /** A photo as it arrived: its name on the sender's device and its bytes. */
  record Upload(String fileName, byte[] bytes) {
  }

  /** A photo kept, without its bytes. */
  record Photo(String fileName, String contentType, long sizeBytes, Instant takenAt, Double latitude,
      Double longitude) {
  }

  /** A photo's bytes, to show it. */
  record Content(String contentType, byte[] bytes) {
  }

  private final JdbcClient jdbc;

  FeedbackPhotos(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What is wrong with a photo (the field {@code photo}), or nothing. */
  static Optional<FieldError> check(Upload photo) {
    if (photo.bytes().length == 0) {
      return Optional.of(new FieldError("photo", Texts.both("proposal.emptyFile")));
    }
    if (photo.bytes().length > Attachments.MAX_BYTES) {
      return Optional.of(new FieldError("photo", Texts.both("system.fileTooLarge")));
    }
    String type = Attachments.sniff(photo.bytes());
    if (type == null || !type.startsWith("image/")) {
      return Optional.of(new FieldError("photo", Texts.both("proposal.photoType")));
    }
    return Optional.empty();
  }

  void insert(String reference, Upload photo) {
    String name = photo.fileName() == null ? "" : photo.fileName().replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
    if (name.isEmpty() || name.length() > 255) {
      name = "anh";
    }
    PhotoMetadata taken = PhotoMetadata.of(photo.bytes());
    jdbc.sql("""
        INSERT INTO feedback_photo (feedback_id, file_name, content_type, size_bytes, sha256, content, taken_at,
                                    latitude, longitude)
        SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM community_feedback WHERE reference = ?
        """).params(name, Attachments.sniff(photo.bytes()), photo.bytes().length, Attachments.sha256(photo.bytes()),
        photo.bytes(), taken.takenAt() == null ? null : Timestamp.from(taken.takenAt()), taken.latitude(),
        taken.longitude(), reference).update();
  }

  Optional<Photo> find(String reference) {
    return jdbc.sql("""
        SELECT p.file_name, p.content_type, p.size_bytes, p.taken_at, p.latitude, p.longitude
        FROM feedback_photo p JOIN community_feedback f ON f.id = p.feedback_id WHERE f.reference = ?""")
        .param(reference).query((rs, row) -> new Photo(rs.getString(1), rs.getString(2), rs.getLong(3),
            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getObject(5, Double.class),
            rs.getObject(6, Double.class))).optional();
  }

  Optional<Content> content(String reference) {
    return jdbc.sql("""
        SELECT p.content_type, p.content
        FROM feedback_photo p JOIN community_feedback f ON f.id = p.feedback_id WHERE f.reference = ?""")
        .param(reference).query((rs, row) -> new Content(rs.getString(1), rs.getBytes(2))).optional();
  }
}
