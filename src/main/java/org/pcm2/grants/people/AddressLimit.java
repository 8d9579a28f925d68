package org.pcm2.grants.people;

import java.time.Clock;
import java.time.Duration;
import org.pcm2.grants.system.ClientLimit;
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
 * Counted by {@link ClientLimit}.
 */
@Component
class AddressLimit {

  static final Duration WINDOW = Duration.ofHours(1);

  private final ClientLimit limit;

  @Autowired
  AddressLimit(@Value("${pcm.accounts.forgotten-requests-per-hour}") int perWindow) {
    this(perWindow, Clock.systemUTC());
  }

  AddressLimit(int perWindow, Clock clock) {
    this.limit = new ClientLimit(perWindow, WINDOW, clock);
  }

  /** Counts a request of the client; whether it is within the limit. */
  boolean allow(String client) {
    return limit.allow(client);
  }
}
