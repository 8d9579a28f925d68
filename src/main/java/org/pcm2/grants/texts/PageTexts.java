package org.pcm2.grants.texts;

/**
 * The texts as a page reads them ({@code t.vi(key, ...)}, {@code t.en(key, ...)}): the
 * public pages put one in their model as {@code t}, Vietnamese first, English second.
 */
public final class PageTexts {

  /** The one a page needs: it holds nothing. */
  public static final PageTexts INSTANCE = new PageTexts();

  private PageTexts() {
  }

  public String vi(String key, Object... arguments) {
    return Texts.vietnamese(key, arguments);
  }

  public String en(String key, Object... arguments) {
    return Texts.english(key, arguments);
  }

  public String vi(Texts.Text text) {
    return Texts.vietnamese(text.key(), text.arguments());
  }

  public String en(Texts.Text text) {
    return Texts.english(text.key(), text.arguments());
  }
}
