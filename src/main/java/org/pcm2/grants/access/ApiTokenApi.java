package org.pcm2.grants.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.pcm2.grants.system.ForbiddenException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign in once: a token for the password, and signing out with it. */
@RestController
@Tag(name = "sign-in", description = "Đăng nhập / Sign-in")
class ApiTokenApi {

  /** A token and until when it works. */
  @Schema(description = "Mã đăng nhập cho API / A sign-in token for the API")
  record TokenResponse(@Schema(description = "Gửi kèm mỗi lần gọi: Authorization: Bearer … / Send with each call: "
      + "Authorization: Bearer …", example = "pcm_8J2kq…") String token,
      @Schema(example = "Bearer") String tokenType, Instant expiresAt) {
  }

  private final ApiTokens tokens;

  ApiTokenApi(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @PostMapping("/api/tokens")
  @Operation(summary = "Đăng nhập một lần bằng mật khẩu (HTTP Basic), nhận mã dùng cho các lần gọi sau / Sign in "
      + "once with the password (HTTP Basic) and get a token for the calls that follow",
      description = "Mã hết hạn sau 8 giờ, khi đăng xuất, khi đổi mật khẩu hoặc khi người dùng bị khóa; không dùng mã "
          + "để lấy mã mới / The token ends after 8 hours, on signing out, when the password changes or the person is "
          + "deactivated; a token cannot give another token")
  @ApiResponse(responseCode = "201", description = "Mã mới / A new token", useReturnTypeSchema = true)
  @io.swagger.v3.oas.annotations.security.SecurityRequirement(name = "basic")
  ResponseEntity<TokenResponse> signIn(Authentication user, HttpServletRequest request) {
    if (request.getAttribute(ApiTokenFilter.BY_TOKEN) != null) {
      throw new ForbiddenException(Texts.both("access.tokenForPassword"));
    }
    ApiTokens.Issued issued = tokens.issue(user.getName());
    return ResponseEntity.status(201).header("Cache-Control", "no-store")
        .body(new TokenResponse(issued.token(), "Bearer", issued.expiresAt()));
  }

  @DeleteMapping("/api/tokens/current")
  @Operation(summary = "Đăng xuất: mã đang dùng hết hiệu lực / Sign out: the token in use ends")
  @ApiResponse(responseCode = "204", description = "Đã đăng xuất / Signed out")
  ResponseEntity<Void> signOut(HttpServletRequest request) {
    tokens.revoke(ApiTokenFilter.bearer(request));
    return ResponseEntity.noContent().build();
  }
}
