package org.pcm2.grants.people;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * One-time links to choose a password ({@code password_link}): an invitation for a new
 * person (valid {@code pcm.accounts.invitation-valid-for}, 7 days), a reset for one who forgot
 * theirs ({@code reset-valid-for}, 1 hour). A link works once, until it expires, and only while
 * it is its person's newest: a fresh invitation replaces every open link of the person, a
 * fresh reset link the older reset links, and a password chosen through one link closes the
 * others. Only the token's hash is stored. Time is the engine's clock, as for the other dates
 * the application decides on. Written in the caller's transaction.
 */
@Component
class PasswordLinks {

  /** Why the link was sent. */
  enum Purpose {
    INVITATION, RESET
  }

  /** Whether a link can still be used, and if not, why; INACTIVE: its person has left the programme. */
  enum State {
    VALID, UNKNOWN, EXPIRED, USED, REPLACED, INACTIVE
  }

  /** A link just made: the token goes into the mail and nowhere else. */
  record Issued(long id, String userId, Purpose purpose, String token, Instant expiresAt) {
  }

  /** A stored link as it stands at {@code now}. */
  record Found(long id, String userId, Purpose purpose, State state) {

    static final Found NONE = new Found(0, null, null, State.UNKNOWN);
  }

  /** A stored link's dates; its state follows from them. */
  record Dates(Instant expiresAt, Instant usedAt, Instant revokedAt) {

    /** Used beats replaced beats expired: the page says what happened first to the person. */
    State stateAt(Instant now) {
      if (usedAt != null) {
        return State.USED;
      }
      if (revokedAt != null) {
        return State.REPLACED;
      }
      return now.isBefore(expiresAt) ? State.VALID : State.EXPIRED;
    }
  }

  private final JdbcClient jdbc;
  private final Duration invitationValidFor;
  private final Duration resetValidFor;

  PasswordLinks(JdbcClient jdbc, @Value("${pcm.accounts.invitation-valid-for}") Duration invitationValidFor,
      @Value("${pcm.accounts.reset-valid-for}") Duration resetValidFor) {
    this.jdbc = jdbc;
    this.invitationValidFor = invitationValidFor;
    this.resetValidFor = resetValidFor;
  }

  Duration validFor(Purpose purpose) {
    return purpose == Purpose.INVITATION ? invitationValidFor : resetValidFor;
  }

  /** A new link for the person; the older ones it replaces stop working at once. */
  Issued issue(String userId, Purpose purpose) {
    Instant now = now();
    // an invitation starts the person over: every open link goes; a reset replaces older resets
    jdbc.sql("""
        UPDATE password_link SET revoked_at = ?
        WHERE user_id = ? AND used_at IS NULL AND revoked_at IS NULL AND (purpose = ? OR ? = 'INVITATION')
        """).params(Timestamp.from(now), userId, purpose.name(), purpose.name()).update();
    String token = OneTimeTokens.generate();
    Instant expiresAt = now.plus(validFor(purpose));
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO password_link (token_hash, user_id, purpose, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?)
        """).params(OneTimeTokens.hash(token), userId, purpose.name(), Timestamp.from(now), Timestamp.from(expiresAt))
        .update(key, "id");
    return new Issued(key.getKey().longValue(), userId, purpose, token, expiresAt);
  }

  /** Closes every open link of the person: mailed to an address that is no longer theirs. */
  void revokeOpen(String userId) {
    jdbc.sql("UPDATE password_link SET revoked_at = ? WHERE user_id = ? AND used_at IS NULL AND revoked_at IS NULL")
        .params(Timestamp.from(now()), userId).update();
  }

  /** The link of the token as it stands now; {@link Found#NONE} for a token that is no link's. */
  Found find(String token) {
    if (!OneTimeTokens.wellFormed(token)) {
      return Found.NONE;
    }
    Instant now = now();
    return jdbc.sql("""
        SELECT id, user_id, purpose, expires_at, used_at, revoked_at FROM password_link WHERE token_hash = ?
        """).param(OneTimeTokens.hash(token)).query((rs, i) -> new Found(rs.getLong(1), rs.getString(2),
        Purpose.valueOf(rs.getString(3)), new Dates(rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)),
        instant(rs.getTimestamp(6))).stateAt(now))).optional().orElse(Found.NONE);
  }

  /**
   * Marks the link used, if it still works: of two requests with the same link at once, one
   * gets true. The person's other open links are closed too.
   */
  boolean use(Found link) {
    Timestamp now = Timestamp.from(now());
    int used = jdbc.sql("""
        UPDATE password_link SET used_at = ?
        WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
        """).params(now, link.id(), now).update();
    if (used == 1) {
      jdbc.sql("UPDATE password_link SET revoked_at = ? WHERE user_id = ? AND id <> ? AND used_at IS NULL"
          + " AND revoked_at IS NULL").params(now, link.userId(), link.id()).update();
    }
    return used == 1;
  }

  /** Whether the person was sent a link of this purpose in the last {@code interval}. */
  boolean issuedWithin(String userId, Purpose purpose, Duration interval) {
    return jdbc.sql("SELECT COUNT(*) FROM password_link WHERE user_id = ? AND purpose = ? AND created_at > ?")
        .params(userId, purpose.name(), Timestamp.from(now().minus(interval))).query(Long.class).single() > 0;
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
