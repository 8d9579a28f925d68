package org.pcm2.grants.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Short-lived tokens for API clients: given once for a person's password ({@code POST
 * /api/tokens}), then sent as {@code Authorization: Bearer …} instead of the password, which
 * the server would otherwise check, slowly by design, on every call. A token is random (256
 * bits), kept only as its SHA-256, lasts {@code pcm.api.token-lifetime}, and ends when its
 * holder signs out with it, when the person's password changes anywhere (the webapps, the
 * account pages, engine-rest), when the person is deactivated or deleted.
 */
@Service
public class ApiTokens {

  /** What a token looks like: the prefix tells a leaked one apart in logs and scans. */
  static final String PREFIX = "pcm_";

  /** A token given: what the client sends, and until when. */
  public record Issued(String token, Instant expiresAt) {
  }

  private final JdbcClient jdbc;
  private final IdentityService identity;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  public ApiTokens(JdbcClient jdbc, IdentityService identity,
      @Value("${pcm.api.token-lifetime:PT8H}") Duration lifetime) {
    this.jdbc = jdbc;
    this.identity = identity;
    this.lifetime = lifetime;
  }

  /** A new token for the person, who has just given their password. */
  @Transactional
  public Issued issue(String userId) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = Instant.now();
    Instant expires = now.plus(lifetime);
    // expired tokens of a day ago go as new ones come: the table holds the working ones
    jdbc.sql("DELETE FROM api_token WHERE expires_at < ?").param(Timestamp.from(now.minus(Duration.ofDays(1))))
        .update();
    jdbc.sql("""
        INSERT INTO api_token (token_hash, user_id, password_mark, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?)
        """).params(sha256(token), userId, passwordMark(userId).orElseThrow(), Timestamp.from(now),
        Timestamp.from(expires)).update();
    return new Issued(token, expires);
  }

  /** The person a token stands for, if it is one of ours, not expired, not ended, and their password unchanged. */
  public Optional<String> holder(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    record Row(String userId, String passwordMark) {
    }
    Optional<Row> row = jdbc.sql("""
        SELECT user_id, password_mark FROM api_token
        WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?
        """).params(sha256(token), Timestamp.from(Instant.now()))
        .query((rs, i) -> new Row(rs.getString(1), rs.getString(2))).optional();
    return row.filter(r -> passwordMark(r.userId()).map(r.passwordMark()::equals).orElse(false)).map(Row::userId);
  }

  /** Ends the token (its holder signs out with it); false when it was not a working token. */
  @Transactional
  public boolean revoke(String token) {
    if (token == null) {
      return false;
    }
    return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
        .params(Timestamp.from(Instant.now()), sha256(token)).update() > 0;
  }

  /** The SHA-256 of the person's stored password hash; empty for a person who is not there or has no password. */
  private Optional<String> passwordMark(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null || user.getPassword() == null) {
      return Optional.empty();
    }
    return Optional.of(sha256(user.getPassword()));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
