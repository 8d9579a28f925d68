package org.pcm2.grants.people;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many forgotten-password requests one address (client) may send in an hour
 * ({@code pcm.accounts.forgotten-requests-per-hour}); more get 429 until the hour from its
 * first request is over. It keeps one client from trying many ids or addresses (each of
 * which may mail someone); the per-person limit is {@link ForgottenPassword}'s. The sign-in
 * throttle ({@code access/SignInThrottle}) does not fit here: it slows down wrong passwords
 * per user and client, while every request here, for any name, is what must be counted.
 * Counts live in memory, at most 100,000 addresses, each forgotten after its hour.
 */
@Component
class AddressLimit {

  static final Duration WINDOW = Duration.ofHours(1);

  private record Window(Instant start, int count) {
  }

  private final int perWindow;
  private final Clock clock;
  private final Cache<String, Window> windows;

  @Autowired
  AddressLimit(@Value("${pcm.accounts.forgotten-requests-per-hour}") int perWindow) {
    this(perWindow, Clock.systemUTC());
  }

  AddressLimit(int perWindow, Clock clock) {
    this.perWindow = perWindow;
    this.clock = clock;
    this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(WINDOW).build();
  }

  /** Counts a request of the client; whether it is within the limit. */
  boolean allow(String client) {
    Instant now = clock.instant();
    Window window = windows.asMap().compute(client, (key, known) -> known == null
        || !now.isBefore(known.start().plus(WINDOW)) ? new Window(now, 1) : new Window(known.start(),
        known.count() + 1));
    return window.count() <= perWindow;
  }
}
