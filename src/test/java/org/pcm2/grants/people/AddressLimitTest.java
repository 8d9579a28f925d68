package org.pcm2.grants.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One address may ask for so many forgotten-password links an hour, each address on its own. */
class AddressLimitTest {

  private static final class MovingClock extends Clock {
    private Instant now = Instant.parse("2026-03-01T08:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void theRequestsBeyondTheLimitAreRefusedUntilTheHourIsOverForThatAddressOnly() {
    MovingClock clock = new MovingClock();
    AddressLimit limit = new AddressLimit(3, clock);
    assertThat(limit.allow("10.0.0.1")).isTrue();
    assertThat(limit.allow("10.0.0.1")).isTrue();
    assertThat(limit.allow("10.0.0.1")).isTrue();
    assertThat(limit.allow("10.0.0.1")).isFalse();
    assertThat(limit.allow("10.0.0.2")).as("another address").isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(59));
    assertThat(limit.allow("10.0.0.1")).isFalse();
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(limit.allow("10.0.0.1")).as("a new hour").isTrue();
  }
}
