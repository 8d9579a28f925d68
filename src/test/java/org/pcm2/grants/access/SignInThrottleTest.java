package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The waits of the sign-in throttle: per address and user, doubling, capped, cleared. */
class SignInThrottleTest {

  private final MovingClock clock = new MovingClock();
  private final SignInThrottle throttle = new SignInThrottle(3, Duration.ofSeconds(2), Duration.ofSeconds(30), clock);

  @Test
  void threeFreeFailuresThenAWaitThatDoublesUpToTheLongest() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("director1", "203.0.113.9");
      assertThat(throttle.waitFor("director1", "203.0.113.9")).isZero();
    }
    Duration[] expected = {Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
        Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30)};
    for (Duration wait : expected) {
      throttle.failed("director1", "203.0.113.9");
      assertThat(throttle.waitFor("director1", "203.0.113.9")).isEqualTo(wait);
      clock.pass(wait);
      assertThat(throttle.waitFor("director1", "203.0.113.9")).isZero();
    }
  }

  @Test
  void onlyThatAddressForThatUserWaits() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("director1", "203.0.113.9");
    }
    assertThat(throttle.waitFor("director1", "203.0.113.9")).isPositive();
    assertThat(throttle.waitFor("director1", "198.51.100.7")).isZero();
    assertThat(throttle.waitFor("officer1", "203.0.113.9")).isZero();
  }

  @Test
  void aRightPasswordOrAnAdministratorsUnlockClearsTheCount() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("director1", "203.0.113.9");
      throttle.failed("director1", "198.51.100.7");
    }
    throttle.succeeded("director1", "203.0.113.9");
    assertThat(throttle.waitFor("director1", "203.0.113.9")).isZero();
    assertThat(throttle.waitFor("director1", "198.51.100.7")).isPositive();
    throttle.forget("director1");
    assertThat(throttle.waitFor("director1", "198.51.100.7")).isZero();
    // and the count starts afresh: three free failures again
    throttle.failed("director1", "198.51.100.7");
    assertThat(throttle.waitFor("director1", "198.51.100.7")).isZero();
  }

  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T06:00:00Z");

    void pass(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
