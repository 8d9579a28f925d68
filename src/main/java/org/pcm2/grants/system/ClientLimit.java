package org.pcm2.grants.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many requests one client (its address) may send in a window; more are refused until
 * the window from its first request is over. Counts live in memory, at most 100,000
 * clients, each forgotten after its window: a limit per node, enough to keep one client
 * from flooding a public page.
 */
public final class ClientLimit {

  private record Window(Instant start, int count) {
  }

  private final int perWindow;
  private final Duration window;
  private final Clock clock;
  private final Cache<String, Window> windows;

  public ClientLimit(int perWindow, Duration window, Clock clock) {
    this.perWindow = perWindow;
    this.window = window;
    this.clock = clock;
    this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
  }

  /** Counts a request of the client; whether it is within the limit. */
  public boolean allow(String client) {
    Instant now = clock.instant();
    Window counted = windows.asMap().compute(client, (key, known) -> known == null
        || !now.isBefore(known.start().plus(window)) ? new Window(now, 1) : new Window(known.start(),
        known.count() + 1));
    return counted.count() <= perWindow;
  }

  /** The window a refused client waits out, at most: what Retry-After says. */
  public Duration window() {
    return window;
  }
}
