package org.pcm2.grants.system;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The one home of the application's user-facing texts ({@code texts/texts*.properties}):
 * Vietnamese by default, English beside it. Refusals and field errors read "Vietnamese /
 * English", as the Tasklist and API users of both languages see them.
 */
public final class Texts {

  private static final ResourceBundle VIETNAMESE = ResourceBundle.getBundle("texts/texts", Locale.ROOT);
  private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("texts/texts", Locale.ENGLISH);

  private Texts() {
  }

  /** The text in Vietnamese, then in English: {@code "bắt buộc / required"}. */
  public static String both(String key, Object... arguments) {
    return format(VIETNAMESE, new Locale("vi"), key, arguments) + " / " + format(ENGLISH, Locale.ENGLISH, key, arguments);
  }

  private static String format(ResourceBundle bundle, Locale locale, String key, Object... arguments) {
    return new MessageFormat(bundle.getString(key), locale).format(arguments);
  }
}
