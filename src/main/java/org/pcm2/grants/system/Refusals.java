package org.pcm2.grants.system;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * Remembers, for the current request thread, that the application refused input (an
 * {@link InvalidInputException} or a refused money step). Camunda's REST layers turn an
 * exception thrown inside a listener or delegate into a 500; {@link RefusalStatusFilter}
 * uses this mark to answer 400, as for any other bad input (403 for a step that is not
 * the person's to take).
 */
public final class Refusals {

  private static final ThreadLocal<Integer> REFUSED = new ThreadLocal<>();
  private static final ThreadLocal<String> MESSAGE = new ThreadLocal<>();

  private Refusals() {
  }

  /** Bad input: the answer is 400, with the refusal's own message. */
  public static void mark(String message) {
    REFUSED.set(400);
    MESSAGE.set(message);
  }

  /**
   * A step the person may not take: marks the answer as 403 with the refusal's own message and
   * gives the exception to throw.
   */
  public static AuthorizationException forbidden(String message) {
    REFUSED.set(403);
    MESSAGE.set(message);
    return new AuthorizationException(message);
  }

  static boolean happened() {
    return REFUSED.get() != null;
  }

  static int status() {
    return REFUSED.get() == null ? 500 : REFUSED.get();
  }

  /** The refusal's own message (without the engine's wrapping), or null. */
  static String message() {
    return MESSAGE.get();
  }

  static void clear() {
    REFUSED.remove();
    MESSAGE.remove();
  }
}
