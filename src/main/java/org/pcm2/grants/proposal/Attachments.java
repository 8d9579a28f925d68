package org.pcm2.grants.proposal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
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

  /** An attachment without its content. */
  public record Attachment(long id, String subprojectCode, String kind, String fileName, String contentType,
      long sizeBytes, String sha256, String uploadedBy, Instant uploadedAt) {
  }

  /** An attachment's content for download. */
  public record Content(String fileName, String contentType, byte[] bytes) {
  }

  private final JdbcClient jdbc;

  public Attachments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

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
    if (name.isEmpty() || name.length() > 255) {
      throw invalid("file", Texts.both("proposal.fileName"));
    }
    String sha = sha256(bytes);
    Instant now = Instant.now();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO attachment (subproject_code, kind, file_name, content_type, size_bytes, sha256, content,
                                uploaded_by, uploaded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(code, kind, name, type, bytes.length, sha, bytes, user, Timestamp.from(now))
        .update(key, "id");
    return new Attachment(key.getKey().longValue(), code, kind, name, type, bytes.length, sha, user, now);
  }

  public List<Attachment> list(String code) {
    return jdbc.sql("""
        SELECT id, subproject_code, kind, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
        FROM attachment WHERE subproject_code = ? ORDER BY id
        """).param(code).query((rs, i) -> new Attachment(rs.getLong("id"), rs.getString("subproject_code"),
        rs.getString("kind"), rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
        rs.getString("sha256"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant())).list();
  }

  public Optional<Content> content(String code, long id) {
    return jdbc.sql("SELECT file_name, content_type, content FROM attachment WHERE subproject_code = ? AND id = ?")
        .params(code, id).query((rs, i) -> new Content(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
  }

  /** The content type the file's own bytes say, or null when it is not one we keep. */
  static String sniff(byte[] b) {
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

  private static String sha256(byte[] bytes) {
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
