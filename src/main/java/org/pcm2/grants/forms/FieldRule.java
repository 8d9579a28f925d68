package org.pcm2.grants.forms;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.pcm2.grants.texts.Texts;

/**
 * One editable field of a form and the rules the form declares for it: its type (form-js's
 * {@code number}, {@code textfield}, {@code textarea}, {@code radio}, {@code select},
 * {@code checkbox}, {@code datetime}), whether it is required, its bounds, its length, its
 * pattern and its choices. The server checks a value sent from any door with {@link
 * #problem(Object)}; the API document describes the field from the same record.
 */
public record FieldRule(String key, String label, String type, String subtype, boolean required, Long min, Long max,
    Integer minLength, Integer maxLength, String pattern, List<Object> values) {

  /** Whether the value stands for "nothing entered": the Tasklist sends empty fields as null or "". */
  public static boolean empty(Object value) {
    return value == null || value instanceof String text && text.isBlank();
  }

  public boolean isNumber() {
    return "number".equals(type);
  }

  public boolean isDate() {
    return "datetime".equals(type) && "date".equals(subtype);
  }

  public boolean isChoice() {
    return !values.isEmpty();
  }

  public boolean isFlag() {
    return "checkbox".equals(type);
  }

  /** What is wrong with a value entered in this field, in Vietnamese and English; null when nothing is. */
  public String problem(Object value) {
    if (empty(value)) {
      return null;
    }
    if (isChoice()) {
      return values.stream().anyMatch(option -> same(option, value)) ? null
          : Texts.both("check.oneOf", values.toString());
    }
    if (isNumber()) {
      Long number = whole(value);
      if (number == null) {
        return Texts.both("check.wholeNumber");
      }
      if (min != null && number < min) {
        return Texts.both("check.atLeast", min);
      }
      return max != null && number > max ? Texts.both("check.atMost", max) : null;
    }
    if (isDate()) {
      return date(value) ? null : Texts.both("check.date");
    }
    if (isFlag()) {
      return value instanceof Boolean || "true".equals(value) || "false".equals(value) ? null
          : Texts.both("check.yesOrNo");
    }
    if (!(value instanceof String text)) {
      return Texts.both("check.text");
    }
    if (maxLength != null && text.length() > maxLength) {
      return Texts.both("check.longer", maxLength);
    }
    if (minLength != null && text.strip().length() < minLength) {
      return Texts.both("check.shorter", minLength);
    }
    return pattern != null && !Pattern.compile(pattern).matcher(text).matches() ? Texts.both("check.pattern")
        : null;
  }

  private static boolean same(Object option, Object value) {
    if (option instanceof Long number) {
      Long sent = whole(value);
      return number.equals(sent);
    }
    return option.equals(value);
  }

  /** A whole number sent as a number or as its digits; null when it is not one. */
  private static Long whole(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? (long) d : null;
    }
    if (value instanceof String text && text.strip().matches("-?\\d{1,15}")) {
      return Long.parseLong(text.strip());
    }
    return null;
  }

  private static boolean date(Object value) {
    if (value instanceof Date || value instanceof LocalDate) {
      return true;
    }
    if (!(value instanceof String text)) {
      return false;
    }
    try {
      LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
