package org.pcm2.grants.grantcycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;

/**
 * Typed reads of the grant cycle's variables, whatever form they arrive in (a Tasklist
 * form sends numbers as Long or Double and dates as {@code yyyy-MM-dd} text).
 * Each read throws {@link IllegalArgumentException} naming the variable when the value
 * cannot be what it should be.
 */
public final class GrantVariables {

  private GrantVariables() {
  }

  public static String text(Map<String, ?> variables, String name) {
    Object value = variables.get(name);
    return value == null ? null : value.toString().trim();
  }

  /** A whole amount of đồng (or a whole count); null when absent. */
  public static Long whole(Map<String, ?> variables, String name) {
    Object value = variables.get(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    try {
      BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().trim());
      return number.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(name);
    }
  }

  public static long wholeOrZero(Map<String, ?> variables, String name) {
    Long value = whole(variables, name);
    return value == null ? 0 : value;
  }

  public static LocalDate date(Map<String, ?> variables, String name) {
    Object value = variables.get(name);
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    if (value instanceof Date d) {
      return d.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    String text = value.toString().trim();
    try {
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name);
    }
  }

  public static boolean flag(Map<String, ?> variables, String name) {
    Object value = variables.get(name);
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
  }
}
