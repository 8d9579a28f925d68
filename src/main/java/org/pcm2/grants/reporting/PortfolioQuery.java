package org.pcm2.grants.reporting;

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
 * fund, cycle and sector as filters, and any of them, in order, as groupings.
 */
public record PortfolioQuery(String province, String district, String commune, String fund, String cycle,
    String sector, List<Dimension> groupBy) {

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
      String sector, String groupBy) {
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
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new PortfolioQuery(blankToNull(province), blankToNull(district), blankToNull(commune), blankToNull(fund),
        blankToNull(cycle), blankToNull(sector), List.copyOf(dimensions));
  }

  private static void check(String field, String code, List<FieldError> errors) {
    if (code != null && !code.isBlank() && !code.trim().matches("[A-Za-z0-9_-]{1,40}")) {
      errors.add(new FieldError(field, Texts.both("reporting.notACode", code)));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
