package org.pcm2.grants.texts;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The one home of the application's user-facing texts ({@code texts/texts*.properties}):
 * Vietnamese by default, English beside it. Refusals and field errors read "Vietnamese /
 * English", as the Tasklist and API users of both languages see them. Arguments are
 * {@link MessageFormat}'s: codes and amounts already written as text, numbers as
 * {@code {0,number,#}}, and a {@link Text} for a part that is itself a text in each language.
 */
public final class Texts {

  private static final Locale VI = new Locale("vi");
  // no fallback to the machine's locale: the default bundle is Vietnamese wherever the server runs
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  private static final ResourceBundle VIETNAMESE = ResourceBundle.getBundle("texts/texts", Locale.ROOT, NO_FALLBACK);
  private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("texts/texts", Locale.ENGLISH, NO_FALLBACK);

  private Texts() {
  }

  /** A text given as an argument of another: written in the language of the text around it. */
  public record Text(String key, Object... arguments) {
  }

  /** A text to pass as an argument of another. */
  public static Text text(String key, Object... arguments) {
    return new Text(key, arguments);
  }

  /** The text in Vietnamese, then in English: {@code "bắt buộc / required"}. */
  public static String both(String key, Object... arguments) {
    return vietnamese(key, arguments) + " / " + english(key, arguments);
  }

  /** The text in Vietnamese, then its English in brackets: {@code "hạng (tier) A"} is two texts. */
  public static String bracketed(String key, Object... arguments) {
    return vietnamese(key, arguments) + " (" + english(key, arguments) + ")";
  }

  /** A word in both languages inside a list of codes: {@code "CM, INITIATIVE hoặc/or REWARD"}. */
  public static String slashed(String key) {
    return vietnamese(key) + "/" + english(key);
  }

  /** The Vietnamese alone, for a text whose two languages are placed apart. */
  public static String vietnamese(String key, Object... arguments) {
    return format(VIETNAMESE, VI, key, arguments);
  }

  /** The English alone, for a text whose two languages are placed apart. */
  public static String english(String key, Object... arguments) {
    return format(ENGLISH, Locale.ENGLISH, key, arguments);
  }

  private static String format(ResourceBundle bundle, Locale locale, String key, Object... arguments) {
    Object[] written = arguments.clone();
    for (int i = 0; i < written.length; i++) {
      if (written[i] instanceof Text text) {
        written[i] = format(bundle, locale, text.key(), text.arguments());
      }
    }
    return new MessageFormat(bundle.getString(key), locale).format(written);
  }
}
