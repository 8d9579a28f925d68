package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server error (5xx) is told to the person in Vietnamese and English with a reference, never
 * with the exception's text; the reference is written to the log with the stack trace, so an
 * administrator finds the one from the other.
 */
public final class ServerErrors {

  public static final String TITLE = Texts.both("system.serverError");
  private static final Logger LOG = LoggerFactory.getLogger(ServerErrors.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ServerErrors() {
  }

  /** Logs the failure with a new reference and returns the reference. */
  public static String logged(String what, Throwable failure) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    String reference = HexFormat.of().formatHex(bytes);
    LOG.error("Server error, reference {}: {}", reference, what, failure);
    return reference;
  }

  /** What the person reads: the reference and nothing of the failure. */
  public static String message(String reference) {
    return Texts.both("system.serverErrorDetail", reference);
  }
}
