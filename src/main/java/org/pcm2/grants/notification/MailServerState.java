package org.pcm2.grants.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the mail server is away, and how long to leave it alone: after each failure in a
 * row a growing pause (half a second, doubling, at most 5 s or the first back-off if that
 * is shorter); the first success after an outage says in the log how long it lasted.
 */
final class MailServerState {

  private static final Logger LOG = LoggerFactory.getLogger(MailServerState.class);
  private static final Duration LONGEST_SERVER_PAUSE = Duration.ofSeconds(5);

  private final Duration firstBackoff;
  /** The mail server's failures in a row, and no sending before the pause they earned is over. */
  private final AtomicInteger serverFailures = new AtomicInteger();
  private volatile Instant serverPausedUntil = Instant.MIN;
  private volatile Instant serverDownSince;

  MailServerState(Duration firstBackoff) {
    this.firstBackoff = firstBackoff;
  }

  /** Whether sending may be tried now. */
  boolean mayTry() {
    return Instant.now().isAfter(serverPausedUntil);
  }

  void away(String error) {
    int failures = serverFailures.incrementAndGet();
    Duration pause = Duration.ofMillis(500L << Math.min(failures - 1, 10));
    Duration longest = firstBackoff.compareTo(LONGEST_SERVER_PAUSE) < 0 ? firstBackoff : LONGEST_SERVER_PAUSE;
    serverPausedUntil = Instant.now().plus(pause.compareTo(longest) < 0 ? pause : longest);
    if (failures == 1) {
      serverDownSince = Instant.now();
      LOG.warn("Mail server unreachable; mails wait in the outbox and go out once it is back: {}", error);
    }
  }

  void back() {
    if (serverFailures.getAndSet(0) > 0) {
      Instant since = serverDownSince;
      LOG.info("Mail server reachable again{}; sending the mails that waited",
          since == null ? "" : " after " + Duration.between(since, Instant.now()).toSeconds() + " s");
    }
  }

}
