package org.pcm2.grants.proposal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Files of a sub-project (meeting minutes, photos, receipts, reports) stored in the
 * database. The type is read from the file's first bytes, not taken from the client:
 * only PDF, JPEG, PNG and Word (.docx) files are kept.
 */
@Service
public class Attachments {

  public static final long MAX_BYTES = 10L * 1024 * 1024;
  static final Set<String> KINDS = Set.of("MINUTES", "PHOTO", "RECEIPT", "REPORT");

  /**
   * An attachment without its content. A file held for its uploader until the proposal it
   * came with has its code has none yet; a photo may carry when and where it was taken.
   */
  public record Attachment(long id, String subprojectCode, String kind, String fileName, String contentType,
      long sizeBytes, String sha256, String uploadedBy, Instant uploadedAt, Instant takenAt, Double latitude,
      Double longitude, @com.fasterxml.jackson.annotation.JsonIgnore String firstNamedIn) {
  }

  private static final String COLUMNS = """
      id, subproject_code, kind, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at, taken_at,
      latitude, longitude, first_named_in""";

  /** An attachment's content for download. */
  public record Content(String fileName, String contentType, byte[] bytes) {
  }

  private final JdbcClient jdbc;

  public Attachments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Keeps a file for a sub-project, or, with no code, holds it for the person who uploaded it
   * until the proposal it came with is registered ({@link #bind}).
   */
  @org.springframework.transaction.annotation.Transactional
  public Attachment store(String code, String kind, String fileName, byte[] bytes, String user) {
    String type = sniff(bytes);
    String name = fileName == null ? "" : fileName.replaceAll("[\\\\/\\p{Cntrl}]", "_").trim();
    if (!KINDS.contains(kind)) {
      throw invalid("kind", Texts.both("proposal.attachmentKind", KINDS.toString()));
    }
    if (bytes.length == 0) {
      throw invalid("file", Texts.both("proposal.emptyFile"));
    }
    if (bytes.length > MAX_BYTES) {
      throw invalid("file", Texts.both("system.fileTooLarge"));
    }
    if (type == null) {
      throw invalid("file", Texts.both("proposal.fileType"));
    }
    if ("PHOTO".equals(kind) && !type.startsWith("image/")) {
      throw invalid("file", Texts.both("proposal.photoType"));
    }
    if (name.isEmpty() || name.length() > 255) {
      throw invalid("file", Texts.both("proposal.fileName"));
    }
    if (code != null) {
      // one upload of the sub-project at a time, so that the count below holds
      jdbc.sql("SELECT code FROM subproject WHERE code = ? FOR UPDATE").param(code).query(String.class).optional();
      long kept = jdbc.sql("SELECT COUNT(*) FROM attachment WHERE subproject_code = ?").param(code)
          .query(Long.class).single();
      if (kept >= MAX_PER_SUBPROJECT) {
        throw invalid("file", Texts.both("evidence.tooManyFiles", String.valueOf(MAX_PER_SUBPROJECT)));
      }
    }
    String sha = sha256(bytes);
    PhotoMetadata photo = type.startsWith("image/") ? PhotoMetadata.of(bytes) : PhotoMetadata.NONE;
    Instant now = Instant.now();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO attachment (subproject_code, kind, file_name, content_type, size_bytes, sha256, content,
                                uploaded_by, uploaded_at, taken_at, latitude, longitude)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(code, kind, name, type, bytes.length, sha, bytes, user, Timestamp.from(now),
            photo.takenAt() == null ? null : Timestamp.from(photo.takenAt()), photo.latitude(), photo.longitude())
        .update(key, "id");
    return new Attachment(key.getKey().longValue(), code, kind, name, type, bytes.length, sha, user, now,
        photo.takenAt(), photo.latitude(), photo.longitude(), null);
  }

  /** Files a person may hold at once for proposals not yet sent. */
  static final int MAX_HELD = 50;
  /** Files one sub-project may have, over all its steps. */
  static final int MAX_PER_SUBPROJECT = 200;

  /** Holds a file for its uploader (see {@link #bind}); a person holds at most {@value #MAX_HELD}. */
  @org.springframework.transaction.annotation.Transactional
  public Attachment hold(String kind, String fileName, byte[] bytes, String user) {
    // one upload of the person at a time, so that the count below holds
    jdbc.sql("SELECT id_ FROM act_id_user WHERE id_ = ? FOR UPDATE").param(user).query(String.class).optional();
    long held = jdbc.sql("SELECT COUNT(*) FROM attachment WHERE uploaded_by = ? AND subproject_code IS NULL")
        .param(user).query(Long.class).single();
    if (held >= MAX_HELD) {
      throw invalid("file", Texts.both("evidence.tooManyHeld", String.valueOf(MAX_HELD)));
    }
    return store(null, kind, fileName, bytes, user);
  }

  /** Held files that no proposal took within a week are not kept. */
  @Scheduled(cron = "${pcm.attachments.purge-cron:0 17 3 * * *}")
  public int purgeUnclaimed() {
    return jdbc.sql("DELETE FROM attachment WHERE subproject_code IS NULL AND uploaded_at < ?")
        .param(Timestamp.from(Instant.now().minus(Duration.ofDays(7)))).update();
  }

  public List<Attachment> list(String code) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE subproject_code = ? ORDER BY id")
        .param(code).query(Attachments::attachment).list();
  }

  /** The files with these ids, whoever's they are. */
  public List<Attachment> find(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM attachment WHERE id IN (:ids) ORDER BY id")
        .param("ids", ids).query(Attachments::attachment).list();
  }

  /**
   * Gives the sub-project the files its facilitator held for it; files already its own stay
   * as they are. Returns how many were bound.
   */
  public int bind(Collection<Long> ids, String code, String holder) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql("""
        UPDATE attachment SET subproject_code = :code
        WHERE id IN (:ids) AND subproject_code IS NULL AND uploaded_by = :holder
        """).param("code", code).param("ids", ids).param("holder", holder).update();
  }

  /** Remembers the step that first named each file (a form's field of evidence). */
  public void firstNamedIn(Collection<Long> ids, String taskKey) {
    if (!ids.isEmpty()) {
      jdbc.sql("UPDATE attachment SET first_named_in = :step WHERE id IN (:ids) AND first_named_in IS NULL")
          .param("step", taskKey).param("ids", ids).update();
    }
  }

  /** How many files of this kind the sub-project has. */
  public long count(String code, String kind) {
    return jdbc.sql("SELECT COUNT(*) FROM attachment WHERE subproject_code = ? AND kind = ?")
        .params(code, kind).query(Long.class).single();
  }

  private static Attachment attachment(ResultSet rs, int row) throws SQLException {
    Timestamp taken = rs.getTimestamp("taken_at");
    return new Attachment(rs.getLong("id"), rs.getString("subproject_code"), rs.getString("kind"),
        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant(),
        taken == null ? null : taken.toInstant(), rs.getObject("latitude", Double.class),
        rs.getObject("longitude", Double.class), rs.getString("first_named_in"));
  }

  public Optional<Content> content(String code, long id) {
    return jdbc.sql("SELECT file_name, content_type, content FROM attachment WHERE subproject_code = ? AND id = ?")
        .params(code, id).query((rs, i) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
  }

  /** A file of the kind this person holds (uploaded for no sub-project yet), with its content. */
  public Optional<Content> heldContent(long id, String user, String kind) {
    return jdbc.sql("SELECT file_name, content_type, content FROM attachment WHERE id = ? AND uploaded_by = ?"
        + " AND kind = ? AND subproject_code IS NULL").params(id, user, kind)
        .query((rs, i) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
  }

  /** Lets go of a file this person held, once it was taken elsewhere (the photo of a piece of feedback). */
  public void release(long id, String user) {
    jdbc.sql("DELETE FROM attachment WHERE id = ? AND uploaded_by = ? AND subproject_code IS NULL").params(id, user)
        .update();
  }

  /** The type of a file read from its first bytes (PDF, JPEG, PNG, Word .docx), or null for any other. */
  public static String sniff(byte[] b) {
    if (starts(b, 0x25, 0x50, 0x44, 0x46)) {
      return "application/pdf";
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (starts(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(b, 0x50, 0x4B, 0x03, 0x04) && new String(b, 0, Math.min(b.length, 4096),
        java.nio.charset.StandardCharsets.ISO_8859_1).contains("word/")) {
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    }
    return null;
  }

  private static boolean starts(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The file's SHA-256, in hexadecimal. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidInputException invalid(String field, String message) {
    return new InvalidInputException(List.of(new FieldError(field, message)));
  }
}
