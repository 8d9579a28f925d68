package org.pcm2.grants.reporting;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;

/**
 * What a portfolio report covers and how it is cut: any of province, district, commune,
 * fund, cycle and sector as filters, and any of them, in order, as groupings; and a period
 * ({@code from}, {@code to}, days in Vietnam, both included, either open): the sub-projects
 * submitted in it or whose money moved in it, and only the money that moved in it.
 */
public record PortfolioQuery(String province, String district, String commune, String fund, String cycle,
    String sector, LocalDate from, LocalDate to, List<Dimension> groupBy) {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  /** A report of every day. */
  public PortfolioQuery(String province, String district, String commune, String fund, String cycle, String sector,
      List<Dimension> groupBy) {
    this(province, district, commune, fund, cycle, sector, null, null, groupBy);
  }

  /** Whether the report covers a period rather than every day. */
  public boolean hasPeriod() {
    return from != null || to != null;
  }

  /** The period's first instant: the start of {@code from} in Vietnam (or of time). */
  public Timestamp periodStart() {
    return Timestamp.from(from == null ? Instant.parse("1900-01-01T00:00:00Z")
        : from.atStartOfDay(VIETNAM).toInstant());
  }

  /** The instant after the period: the start of the day after {@code to} in Vietnam (or the end of time). */
  public Timestamp periodEnd() {
    return Timestamp.from(to == null ? Instant.parse("9999-01-01T00:00:00Z")
        : to.plusDays(1).atStartOfDay(VIETNAM).toInstant());
  }

  /** A way to cut the portfolio. */
  public enum Dimension {
    PROVINCE, DISTRICT, COMMUNE, FUND, CYCLE, SECTOR;

    /** Its name in both languages ({@code reporting.dimension.*}): "Tỉnh / Province". */
    public String label() {
      return Texts.both("reporting.dimension." + key());
    }

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PortfolioQuery {
    groupBy = List.copyOf(groupBy);
  }

  /** Reads the query's parameters as they come from a URL; every wrong one is named. */
  public static PortfolioQuery parse(String province, String district, String commune, String fund, String cycle,
      String sector, String from, String to, String groupBy) {
    List<FieldError> errors = new ArrayList<>();
    Set<Dimension> dimensions = new LinkedHashSet<>();
    if (groupBy != null && !groupBy.isBlank()) {
      for (String part : groupBy.split(",")) {
        String name = part.trim().toUpperCase(Locale.ROOT);
        try {
          if (!dimensions.add(Dimension.valueOf(name))) {
            errors.add(new FieldError("groupBy", Texts.both("reporting.repeated", part.trim())));
          }
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError("groupBy", Texts.both("reporting.groupBy", part.trim())));
        }
      }
    }
    check("province", province, errors);
    check("district", district, errors);
    check("commune", commune, errors);
    check("fund", fund, errors);
    check("cycle", cycle, errors);
    check("sector", sector, errors);
    LocalDate first = day("from", from, errors);
    LocalDate last = day("to", to, errors);
    if (first != null && last != null && last.isBefore(first)) {
      errors.add(new FieldError("to", Texts.both("reporting.toBeforeFrom")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new PortfolioQuery(blankToNull(province), blankToNull(district), blankToNull(commune), blankToNull(fund),
        blankToNull(cycle), blankToNull(sector), first, last, List.copyOf(dimensions));
  }

  private static void check(String field, String code, List<FieldError> errors) {
    if (code != null && !code.isBlank() && !code.trim().matches("[A-Za-z0-9_-]{1,40}")) {
      errors.add(new FieldError(field, Texts.both("reporting.notACode", code)));
    }
  }

  private static LocalDate day(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(value.trim());
      if (day.getYear() < 2000 || day.getYear() > 2100) {
        errors.add(new FieldError(field, Texts.both("check.date")));
        return null;
      }
      return day;
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, Texts.both("check.date")));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
