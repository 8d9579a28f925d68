package org.pcm2.grants.people;

import java.security.SecureRandom;
import java.util.function.Predicate;

/**
 * A password nobody knows: given to a new person until they choose their own through their
 * invitation link, and to a person who leaves the programme. It is a fresh token with a
 * random lower-case and upper-case letter, digit and sign added, so that Camunda's password
 * policy, when it is on, takes it; one that the policy still refuses (it contains the
 * person's id or name, which a one-letter id makes likely) is drawn again.
 */
final class UnusablePassword {

  private static final int TRIES = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String[] CLASSES = {"abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789",
      "!#%&*+-.=?@^_~"};

  private UnusablePassword() {
  }

  /** A random password that {@code accepted} (the policy for this person; always true without one) takes. */
  static String generate(Predicate<String> accepted) {
    for (int i = 0; i < TRIES; i++) {
      StringBuilder password = new StringBuilder(OneTimeTokens.generate());
      for (String characters : CLASSES) {
        password.append(characters.charAt(RANDOM.nextInt(characters.length())));
      }
      if (accepted.test(password.toString())) {
        return password.toString();
      }
    }
    throw new IllegalStateException("The password policy refused " + TRIES + " random passwords");
  }
}
