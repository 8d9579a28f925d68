package org.pcm2.grants.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The secret of a one-time link: 32 random bytes from {@link SecureRandom}, written URL-safe
 * (base64url without padding, 43 characters). The database keeps only its SHA-256, so the
 * table gives nobody a working link; the token itself lives in the mail alone.
 */
final class OneTimeTokens {

  /** Random bytes of a token: 256 bits, beyond any guessing. */
  static final int BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

  private OneTimeTokens() {
  }

  /** A new token, URL-safe. */
  static String generate() {
    byte[] secret = new byte[BYTES];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Whether the text can be a token at all (anything else is not looked up). */
  static boolean wellFormed(String token) {
    return token != null && FORM.matcher(token).matches();
  }

  /** The SHA-256 of the token, 64 hexadecimal digits: what the database keeps. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
