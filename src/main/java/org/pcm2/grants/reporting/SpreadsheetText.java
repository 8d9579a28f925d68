package org.pcm2.grants.reporting;

/**
 * Text written into a CSV file that a spreadsheet opens: a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return would be run as a formula
 * (formula injection: a place or group name typed by someone becomes a link or a command in
 * the reader's Excel), so such text is written with a leading apostrophe, which the
 * spreadsheet shows as plain text. Only text goes through here: figures the application
 * computes are numbers, written as numbers, so a negative amount stays a number.
 */
public final class SpreadsheetText {

  private SpreadsheetText() {
  }

  /** The text as a spreadsheet shows it and never runs it; null stays empty. */
  public static String cell(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    return switch (text.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
      default -> text;
    };
  }
}
