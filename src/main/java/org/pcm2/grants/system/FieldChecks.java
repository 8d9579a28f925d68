package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
import static org.pcm2.grants.grantcycle.GrantVariables.date;
import static org.pcm2.grants.grantcycle.GrantVariables.text;
import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The input checks that every step, start and API shares: a required text and its length,
 * a whole amount of đồng, a count, a score, a date. Each adds a {@link FieldError} naming
 * the field (in Vietnamese and English, from {@link Texts}) and returns the value read, or
 * null when there is none to use.
 */
public final class FieldChecks {

  /** The longest free text a field takes (objectives, comments, reports). */
  public static final int MAX_TEXT = 4000;
  /** Above this an amount of đồng is a typing error, not a grant. */
  public static final long MAX_AMOUNT = 100_000_000_000L;
  /** A person, a household or a student count. */
  public static final long MAX_COUNT = 1_000_000;

  private FieldChecks() {
  }

  /** A text that must be there (not blank), of at most {@code max} characters. */
  public static String requiredText(Map<String, ?> v, String name, int max, List<FieldError> errors) {
    String value = text(v, name);
    if (value == null || value.isEmpty()) {
      errors.add(required(name));
      return null;
    }
    return longest(value, name, max, errors);
  }

  /** A text that may be missing, of at most {@code max} characters. */
  public static String optionalText(Map<String, ?> v, String name, int max, List<FieldError> errors) {
    String value = text(v, name);
    return value == null ? null : longest(value, name, max, errors);
  }

  /** How much of an amount is asked for. */
  public enum Need { OPTIONAL, REQUIRED, POSITIVE }

  /** A whole number of đồng, not negative and not absurdly large; positive if asked. */
  public static Long amount(Map<String, ?> v, String name, Need need, List<FieldError> errors) {
    Long value;
    try {
      value = whole(v, name);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, Texts.both("check.wholeDong")));
      return null;
    }
    if (value == null) {
      if (need != Need.OPTIONAL) {
        errors.add(required(name));
      }
      return null;
    }
    if (need == Need.POSITIVE && value <= 0) {
      errors.add(new FieldError(name, Texts.both("check.positive")));
    } else if (value < 0) {
      errors.add(new FieldError(name, Texts.both("check.notNegative")));
    } else if (value > MAX_AMOUNT) {
      errors.add(new FieldError(name, Texts.both("check.tooLarge")));
    }
    return value;
  }

  /** A count of people, households or students: 0 to {@link #MAX_COUNT}. */
  public static Long count(Map<String, ?> v, String name, boolean required, List<FieldError> errors) {
    Long value;
    try {
      value = whole(v, name);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, Texts.both("check.wholeNumber")));
      return null;
    }
    if (value == null) {
      if (required) {
        errors.add(required(name));
      }
      return null;
    }
    if (value < 0 || value > MAX_COUNT) {
      errors.add(new FieldError(name, Texts.both("check.countRange")));
    }
    return value;
  }

  /** A score of 1 to 5, required. */
  public static Long score(Map<String, ?> v, String name, List<FieldError> errors) {
    try {
      Long value = whole(v, name);
      if (value != null && value >= 1 && value <= 5) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // reported below, as any other wrong score
    }
    errors.add(new FieldError(name, Texts.both("check.scoreRange")));
    return null;
  }

  /** A required date ({@code yyyy-MM-dd}, or a date the Tasklist sends). */
  public static LocalDate requiredDate(Map<String, ?> v, String name, List<FieldError> errors) {
    try {
      LocalDate value = date(v, name);
      if (value == null) {
        errors.add(required(name));
      }
      return value;
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, Texts.both("check.date")));
      return null;
    }
  }

  public static FieldError required(String name) {
    return new FieldError(name, Texts.both("check.required"));
  }

  private static String longest(String value, String name, int max, List<FieldError> errors) {
    if (value.length() > max) {
      errors.add(new FieldError(name, Texts.both("check.longer", max)));
    }
    return value;
  }
}
