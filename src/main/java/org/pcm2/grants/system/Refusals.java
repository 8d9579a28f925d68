package org.pcm2.grants.system;

/**
 * Remembers, for the current request thread, that the application refused input (an
 * {@link InvalidInputException} or a refused money step). Camunda's REST layers turn an
 * exception thrown inside a listener or delegate into a 500; {@link RefusalStatusFilter}
 * uses this mark to answer 400, as for any other bad input.
 */
public final class Refusals {

  private static final ThreadLocal<Boolean> REFUSED = new ThreadLocal<>();

  private Refusals() {
  }

  public static void mark() {
    REFUSED.set(Boolean.TRUE);
  }

  static boolean happened() {
    return Boolean.TRUE.equals(REFUSED.get());
  }

  static void clear() {
    REFUSED.remove();
  }
}
