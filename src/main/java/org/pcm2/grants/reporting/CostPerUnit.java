package org.pcm2.grants.reporting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a sub-project's main output costs per unit (the grant requested and the community's
 * planned contribution over the output planned, in the sector's unit), against the median of
 * its sector over the whole programme: one far above or below it is flagged for DWC, at
 * appraisal as at the end. A sector's median counts once it has {@link #MIN_FOR_MEDIAN}
 * sub-projects with an output.
 */
@Service
public class CostPerUnit {

  /** Far from the median: above this many times it, or below its inverse. */
  public static final int FACTOR = 2;
  public static final int MIN_FOR_MEDIAN = 5;

  /** A sub-project whose cost per unit is far from its sector's median. */
  @Schema(description = "Tiểu dự án có chi phí/đơn vị khác xa trung vị của lĩnh vực / "
      + "A sub-project whose cost per unit is far from its sector's median")
  public record Outlier(@Schema(example = "TDA-2026-05740-001") String code, String title, String communeName,
      @Schema(example = "ROADS") String sectorCode, String sectorName, @Schema(example = "m đường / m of road or path")
      String unit, @Schema(example = "300") long outputPlanned,
      @Schema(description = "(Vốn đề nghị + đối ứng dự kiến) / kết quả dự kiến, đồng / "
          + "(grant requested + planned contribution) / output planned, in đồng") long costPerUnit,
      @Schema(example = "66667") long sectorMedian, @Schema(example = "3.2") double timesMedian,
      @Schema(example = "CAO: hơn 2 lần trung vị / HIGH: above 2 times the median") String flag) {
  }

  /** The cost per unit of a row of {@code subproject s}, in SQL; null without an output. */
  static final String COST = "(COALESCE(s.requested_grant, 0) + COALESCE(s.contribution_planned, 0)) * 1.0"
      + " / NULLIF(s.output_planned, 0)";

  /** The median of each sector that has enough sub-projects with an output (rejected ones left out). */
  private static final String MEDIANS = "SELECT s.sector_code, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY " + COST
      + ") AS median FROM subproject s WHERE s.sector_code IS NOT NULL AND s.output_planned > 0"
      + " AND s.stage <> 'REJECTED' GROUP BY s.sector_code HAVING COUNT(*) >= " + MIN_FOR_MEDIAN;

  private final JdbcClient jdbc;
  private final PortfolioReport report;

  public CostPerUnit(JdbcClient jdbc, PortfolioReport report) {
    this.jdbc = jdbc;
    this.report = report;
  }

  /** Each sector's median cost per unit over every sub-project of the programme that has one. */
  public Map<String, Double> medians() {
    Map<String, Double> medians = new HashMap<>();
    jdbc.sql(MEDIANS).query(rs -> {
      medians.put(rs.getString(1), rs.getDouble(2));
    });
    return medians;
  }

  /**
   * HIGH or LOW with how far, or null when the cost is near the median, either is unknown, or
   * the proposal was rejected (it counts for no median and is flagged for nobody).
   */
  public static String flag(String stage, Long costPerUnit, Double median) {
    if ("REJECTED".equals(stage) || costPerUnit == null || median == null || median <= 0) {
      return null;
    }
    if (costPerUnit > median * FACTOR) {
      return Texts.both("reporting.outlier.high", FACTOR);
    }
    if (costPerUnit < median / FACTOR) {
      return Texts.both("reporting.outlier.low", FACTOR);
    }
    return null;
  }

  /** The sub-projects of the cut the viewer may see whose cost per unit is far from their sector's median. */
  @Transactional(readOnly = true)
  public List<Outlier> outliers(Viewer viewer, PortfolioQuery asked) {
    PortfolioQuery query = PortfolioReport.scope(viewer, asked);
    report.checkCodes(query);
    Map<String, Object> params = new LinkedHashMap<>();
    String where = PortfolioReport.subprojectConditions(query, viewer, params);
    return jdbc.sql("""
        WITH m AS (%s)
        SELECT s.code, s.title, s.commune_name, s.sector_code, sec.name_vi || ' / ' || sec.name_en AS sector_name,
               sec.unit_vi || ' / ' || sec.unit_en AS unit, s.output_planned, s.stage, ROUND(%s) AS cost, m.median
        FROM subproject s
        JOIN sector sec ON sec.code = s.sector_code
        JOIN m ON m.sector_code = s.sector_code
        WHERE s.output_planned > 0 AND s.stage <> 'REJECTED' AND %s
          AND (%s > m.median * %d OR %s < m.median / %d)
        ORDER BY s.sector_code, s.code
        """.formatted(MEDIANS, COST, where, COST, FACTOR, COST, FACTOR)).params(params).query((rs, i) -> {
          long cost = rs.getLong("cost");
          double median = rs.getDouble("median");
          String flag = flag(rs.getString("stage"), cost, median);
          return flag == null ? null : new Outlier(rs.getString("code"), rs.getString("title"),
              rs.getString("commune_name"), rs.getString("sector_code"), rs.getString("sector_name"),
              rs.getString("unit"), rs.getLong("output_planned"), cost, Math.round(median),
              Math.round(cost / median * 10) / 10.0, flag);
        }).list().stream().filter(java.util.Objects::nonNull).toList();
  }
}
