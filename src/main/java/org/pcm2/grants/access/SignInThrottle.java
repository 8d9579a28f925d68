package org.pcm2.grants.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.pcm2.grants.texts.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Wrong passwords slow down the client (its address) that sends them, for that user only:
 * after {@code pcm.sign-in.free-failures} in a row, that client waits {@code first-delay},
 * doubling with each further failure up to {@code max-delay}, before its next try for that
 * user is even checked. Nobody else is held back, so a stranger's guesses never lock the
 * person out; a right password clears the count, and so does an administrator's "Unlock
 * user" in Admin. Counts live in memory, forgotten an hour (or twice the longest wait) after
 * the last failure, at most 100,000 of them.
 */
@Component
public class SignInThrottle {

  /** The request attribute saying a sign-in was refused unchecked, and for how many more seconds. */
  static final String RETRY_AFTER = SignInThrottle.class.getName() + ".retryAfter";
  static final String TITLE = Texts.both("access.signInPaused");

  private static final Logger LOG = LoggerFactory.getLogger(SignInThrottle.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Key(String user, String client) {
  }

  private record Failures(int count, Instant waitUntil) {
  }

  private final int freeFailures;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Clock clock;
  private final Cache<Key, Failures> failures;

  @Autowired
  SignInThrottle(@Value("${pcm.sign-in.free-failures:3}") int freeFailures,
      @Value("${pcm.sign-in.first-delay:PT2S}") Duration firstDelay,
      @Value("${pcm.sign-in.max-delay:PT10M}") Duration maxDelay) {
    this(freeFailures, firstDelay, maxDelay, Clock.systemUTC());
  }

  SignInThrottle(int freeFailures, Duration firstDelay, Duration maxDelay, Clock clock) {
    this.freeFailures = freeFailures;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.clock = clock;
    Duration forget = maxDelay.multipliedBy(2).compareTo(Duration.ofHours(1)) > 0 ? maxDelay.multipliedBy(2)
        : Duration.ofHours(1);
    this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(forget).build();
  }

  /** How long the client must still wait before a password for the user is checked; zero when it may try. */
  Duration waitFor(String user, String client) {
    Failures known = failures.getIfPresent(new Key(user, client));
    if (known == null || known.waitUntil() == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), known.waitUntil());
    return left.isNegative() ? Duration.ZERO : left;
  }

  void failed(String user, String client) {
    Failures now = failures.asMap().compute(new Key(user, client), (key, known) -> {
      int count = known == null ? 1 : known.count() + 1;
      return new Failures(count, count <= freeFailures ? null : clock.instant().plus(delay(count - freeFailures)));
    });
    if (now.waitUntil() != null) {
      LOG.warn("Sign-in of {} from {} paused until {} after {} wrong passwords", user, client, now.waitUntil(),
          now.count());
    }
  }

  void succeeded(String user, String client) {
    failures.invalidate(new Key(user, client));
  }

  /** Clears every client's count for the user (an administrator unlocked them). */
  void forget(String user) {
    failures.asMap().keySet().removeIf(key -> key.user().equals(user));
  }

  private Duration delay(int throttledFailures) {
    Duration delay = firstDelay.multipliedBy(1L << Math.min(throttledFailures - 1, 30));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** The request being served on this thread, or null outside a request. */
  static HttpServletRequest currentRequest() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        ? attributes.getRequest() : null;
  }

  /** Seconds to wait, when the request's sign-in was refused unchecked; else null. */
  static Long retryAfter(HttpServletRequest request) {
    return request.getAttribute(RETRY_AFTER) instanceof Long seconds ? seconds : null;
  }

  /**
   * Makes the request known to the thread before any door checks a password (engine-rest
   * signs in ahead of Spring's own request context, the webapps' login is no Spring MVC), so
   * that {@link ThrottledIdentityProvider} knows the client.
   */
  @Configuration(proxyBeanMethods = false)
  static class RequestBinding {
    @Bean
    FilterRegistrationBean<RequestContextFilter> signInRequestContext() {
      FilterRegistrationBean<RequestContextFilter> registration =
          new FilterRegistrationBean<>(new RequestContextFilter());
      registration.setName("sign-in-request-context");
      registration.addUrlPatterns("/api/*", "/reports/*", "/engine-rest/*", "/camunda/api/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
      return registration;
    }
  }

  /**
   * Answers 429 with Retry-After: as problem details, or in the engine APIs' {@code {type,
   * message}} shape.
   */
  static void answer(HttpServletResponse response, long seconds, boolean problemDetails) throws IOException {
    String detail = Texts.both("access.signInPausedDetail", seconds);
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setCharacterEncoding("UTF-8");
    if (problemDetails) {
      response.setContentType("application/problem+json");
      JSON.writeValue(response.getOutputStream(), Map.of("type", "about:blank", "status", 429, "title", TITLE,
          "detail", detail));
    } else {
      response.setContentType("application/json");
      JSON.writeValue(response.getOutputStream(), Map.of("type", "TooManyRequests", "message", TITLE + ": " + detail));
    }
  }
}
