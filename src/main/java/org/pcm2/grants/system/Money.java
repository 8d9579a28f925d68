package org.pcm2.grants.system;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Amounts in Vietnamese đồng: whole numbers shown as {@code 25.000.000 ₫}. */
public final class Money {

  private Money() {
  }

  public static String format(long amount) {
    return digits(amount) + " ₫";
  }

  /** The amount grouped by thousands without the currency sign: {@code 25.000.000}. */
  public static String digits(long amount) {
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
    symbols.setGroupingSeparator('.');
    return new DecimalFormat("#,##0", symbols).format(amount);
  }
}
