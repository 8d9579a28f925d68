package org.pcm2.grants.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The mail outbox for administrators (parked mails and their retry), and each person's language. */
@RestController
@Tag(name = "mail", description = "Thư / Mail")
class MailAdminApi {

  /** A mail of the outbox, without its body. */
  record OutboxMail(long id, String kind, String subprojectCode, String recipientUser, String recipientEmail,
      String subject, String status, int attempts, String lastError, Instant createdAt) {
  }

  /** A person's language: vi or en. */
  record LanguageRequest(String language) {
  }

  private final JdbcClient jdbc;
  private final MailSenderJob sender;

  MailAdminApi(JdbcClient jdbc, MailSenderJob sender) {
    this.jdbc = jdbc;
    this.sender = sender;
  }

  @GetMapping("/api/admin/mail")
  @Operation(summary = "Thư trong hàng đợi, theo trạng thái (quản trị) / Outbox mails by status (administrators)")
  List<OutboxMail> list(@RequestParam(defaultValue = "FAILED") String status, Authentication user) {
    requireAdmin(user);
    return jdbc.sql("""
        SELECT id, kind, subproject_code, recipient_user, recipient_email, subject, status, attempts, last_error,
               created_at FROM mail_outbox WHERE status = ? ORDER BY id DESC LIMIT 500
        """).param(status).query((rs, i) -> new OutboxMail(rs.getLong(1), rs.getString(2), rs.getString(3),
        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
        rs.getTimestamp(10).toInstant())).list();
  }

  @PostMapping("/api/admin/mail/{id}/retry")
  @Operation(summary = "Gửi lại một thư đã dừng (quản trị) / Retry a parked mail (administrators)")
  @ApiResponse(responseCode = "202", description = "Thư sẽ được gửi lại / The mail will be sent again")
  ResponseEntity<Void> retry(@PathVariable long id, Authentication user) {
    requireAdmin(user);
    sender.retry(id);
    return ResponseEntity.accepted().build();
  }

  @PutMapping("/api/me/language")
  @Operation(summary = "Ngôn ngữ thư của tôi: vi hoặc en / My mail language: vi or en")
  @ApiResponse(responseCode = "204", description = "Đã lưu / Saved")
  ResponseEntity<Void> language(@RequestBody LanguageRequest request, Authentication user) {
    if (request.language() == null || !List.of("vi", "en").contains(request.language())) {
      throw new InvalidInputException(List.of(new FieldError("language", "vi " + Texts.slashed("system.or") + " en")));
    }
    int updated = jdbc.sql("UPDATE user_preference SET language = ? WHERE user_id = ?")
        .params(request.language(), user.getName()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO user_preference (user_id, language) VALUES (?, ?)")
          .params(user.getName(), request.language()).update();
    }
    return ResponseEntity.noContent().build();
  }

  private static void requireAdmin(Authentication user) {
    if (!Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("notification.administratorsOnly"));
    }
  }
}
