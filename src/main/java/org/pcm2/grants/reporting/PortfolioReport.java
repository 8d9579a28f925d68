package org.pcm2.grants.reporting;

import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.grantcycle.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.pcm2.grants.directory.UnknownCodeException;
import org.pcm2.grants.reporting.PortfolioQuery.Dimension;
import org.pcm2.grants.sector.Sectors;
import org.pcm2.grants.system.Databases;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.ForbiddenException;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme's portfolio: how many sub-projects at which stage, the money requested,
 * approved, paid and left, the communities' contribution, the people reached, the leaders'
 * scores and the awards, what was built and what it cost per unit of a sector's output, by
 * any cut of province, district, commune, fund, cycle and sector.
 *
 * <p>Summed in the database: the read model ({@code subproject}, which carries its commune's
 * district and province) is summed straight to the cut asked for, the ledger (whose lines
 * carry their commune, fund, cycle and sector) first by what the cut needs of it and then to
 * the cut; the two are joined on the cut;
 * money comes from the ledger, the rest from the read model. DWC sees every commune, a
 * commune leader only their own.
 */
@Service
public class PortfolioReport {

  /** Each dimension on the read model, on the ledger (summed by commune first), and its name. */
  private record Column(String subproject, String ledger, String nameJoin, String name) {
  }

  private static final Map<Dimension, Column> COLUMNS = Map.of(
      Dimension.PROVINCE, new Column("s.province_code", "d.parent_code",
          "LEFT JOIN place np ON np.code = sp.k_province", "np.name"),
      Dimension.DISTRICT, new Column("s.district_code", "c.parent_code",
          "LEFT JOIN place nd ON nd.code = sp.k_district", "nd.name"),
      Dimension.COMMUNE, new Column("s.commune_code", "x.commune_code",
          "LEFT JOIN place nc ON nc.code = sp.k_commune", "nc.name"),
      Dimension.FUND, new Column("s.fund_code", "x.fund_code", "LEFT JOIN fund nf ON nf.code = sp.k_fund", "nf.name"),
      Dimension.CYCLE, new Column("s.cycle_code", "x.cycle_code",
          "LEFT JOIN funding_cycle ny ON ny.code = sp.k_cycle", "ny.name"),
      Dimension.SECTOR, new Column("s.sector_code", "x.sector_code",
          "LEFT JOIN sector nsec ON nsec.code = sp.k_sector", "nsec.name_vi || ' / ' || nsec.name_en"));

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  /**
   * The memory PostgreSQL may give each sort and hash of a report, for this transaction only: a
   * national cut sums tens of thousands of ledger groups, which the default 4 MB sorts on disk.
   */
  static final String REPORT_WORK_MEM = "SET LOCAL work_mem = '32MB'";

  private final JdbcClient jdbc;
  private final Sectors sectors;
  private final boolean postgres;

  public PortfolioReport(JdbcClient jdbc, Sectors sectors, javax.sql.DataSource dataSource)
      throws java.sql.SQLException {
    this.jdbc = jdbc;
    this.sectors = sectors;
    this.postgres = Databases.isPostgres(dataSource);
  }

  @Transactional(readOnly = true)
  public Portfolio report(Viewer viewer, PortfolioQuery asked) {
    PortfolioQuery query = scope(viewer, asked);
    checkCodes(query);
    if (postgres) {
      jdbc.sql(REPORT_WORK_MEM).update();
    }
    Map<String, Object> params = new LinkedHashMap<>();
    String onSubproject = subprojectConditions(query, viewer, params);
    String onLedger = ledgerConditions(query, viewer, params);
    // the ledger is summed first by what the cut needs of it: its commune when a place cuts or filters (the commune
    // gives the district and province), the fund, the sector, and always the cycle (whose rate gives the francs)
    boolean byPlace = query.district() != null || query.province() != null
        || query.groupBy().stream().anyMatch(d -> d == Dimension.COMMUNE || d == Dimension.DISTRICT
            || d == Dimension.PROVINCE);
    List<String> innerKeys = new ArrayList<>();
    if (byPlace) {
      innerKeys.add("l.commune_code");
    }
    if (query.groupBy().contains(Dimension.FUND)) {
      innerKeys.add("l.fund_code");
    }
    innerKeys.add("l.cycle_code");
    if (query.groupBy().contains(Dimension.SECTOR)) {
      innerKeys.add("l.sector_code");
    }
    Map<String, String> units = new java.util.HashMap<>();
    sectors.all().forEach(sector -> units.put(sector.code(), sector.unit()));

    List<String> spKeys = new ArrayList<>();
    List<String> leKeys = new ArrayList<>();
    List<String> joinOn = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> nameJoins = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (Dimension dimension : query.groupBy()) {
      Column column = COLUMNS.get(dimension);
      String key = "k_" + dimension.key();
      spKeys.add(key(column.subproject()) + " AS " + key + ", ");
      leKeys.add(key(column.ledger()) + " AS " + key + ", ");
      joinOn.add("%1$s." + key + " = sp." + key);
      names.add("NULLIF(sp." + key + ", '') AS " + dimension.key() + "_code, " + column.name() + " AS " + dimension.key()
          + "_name, ");
      nameJoins.add(column.nameJoin());
      order.add("sp." + key);
    }
    String groupSp = group(query.groupBy(), Column::subproject);
    String groupLe = group(query.groupBy(), Column::ledger);
    String on = joinOn.isEmpty() ? "1 = 1" : String.join(" AND ", joinOn);
    String stageSums = Arrays.stream(Stage.values())
        .map(stage -> "SUM(CASE WHEN s.stage = '" + stage.name() + "' THEN 1 ELSE 0 END) AS st_" + stage.name())
        .collect(Collectors.joining(",\n"));
    String stageColumns = Arrays.stream(Stage.values()).map(stage -> "sp.st_" + stage.name())
        .collect(Collectors.joining(", "));
    String sql = fill("""
        WITH sp AS (
            SELECT {spKeys} COUNT(*) AS n,
                   {stageSums},
                   COALESCE(SUM(s.requested_grant), 0) AS requested,
                   COALESCE(SUM(s.contribution_planned), 0) AS contribution_planned,
                   COALESCE(SUM(s.contribution_cash), 0) AS contribution_cash,
                   COALESCE(SUM(s.contribution_labour), 0) AS contribution_labour,
                   COALESCE(SUM(s.contribution_materials), 0) AS contribution_materials,
                   COALESCE(SUM(s.contribution_mobilised), 0) AS contribution_mobilised,
                   SUM(CASE WHEN s.contribution_mobilised IS NOT NULL THEN s.disbursed ELSE 0 END)
                       AS disbursed_where_mobilised,
                   COALESCE(SUM(s.beneficiaries_women), 0) AS women, COALESCE(SUM(s.beneficiaries_men), 0) AS men,
                   COALESCE(SUM(s.beneficiaries_poor), 0) AS poor, COALESCE(SUM(s.beneficiaries_ethnic), 0) AS ethnic,
                   COALESCE(SUM(s.women_reached), 0) AS women_reached, COALESCE(SUM(s.men_reached), 0) AS men_reached,
                   SUM(CASE WHEN s.women_reached IS NOT NULL OR s.men_reached IS NOT NULL THEN s.disbursed ELSE 0 END)
                       AS disbursed_where_reached,
                   COALESCE(SUM(s.evaluation_score), 0) AS score_sum, COUNT(s.evaluation_score) AS scored,
                   COALESCE(SUM(s.students_girls), 0) AS girls, COALESCE(SUM(s.students_boys), 0) AS boys,
                   COALESCE(SUM(s.students_girls_reached), 0) AS girls_reached,
                   COALESCE(SUM(s.students_boys_reached), 0) AS boys_reached,
                   COALESCE(SUM(s.output_planned), 0) AS output_planned,
                   SUM(CASE WHEN s.output_planned IS NOT NULL THEN COALESCE(s.requested_grant, 0) ELSE 0 END)
                       AS requested_where_output,
                   SUM(CASE WHEN s.output_planned IS NOT NULL THEN COALESCE(s.contribution_planned, 0) ELSE 0 END)
                       AS contribution_where_output,
                   COALESCE(SUM(s.output_achieved), 0) AS output_achieved,
                   SUM(CASE WHEN s.output_achieved IS NOT NULL THEN s.disbursed ELSE 0 END) AS disbursed_where_achieved,
                   SUM(CASE WHEN s.output_achieved IS NOT NULL THEN COALESCE(s.contribution_mobilised, 0) ELSE 0 END)
                       AS mobilised_where_achieved,
                   SUM(CASE WHEN s.contribution_mobilised IS NOT NULL THEN COALESCE(s.contribution_planned, 0) ELSE 0
                       END) AS planned_where_mobilised,
                   SUM(CASE WHEN s.women_reached IS NOT NULL OR s.men_reached IS NOT NULL
                       THEN COALESCE(s.contribution_mobilised, 0) ELSE 0 END) AS mobilised_where_reached,
                   COALESCE(ROUND(SUM(s.requested_grant / fc.chf_rate), 2), 0) AS requested_chf,
                   COALESCE(ROUND(SUM(s.contribution_planned / fc.chf_rate), 2), 0) AS contribution_planned_chf,
                   COALESCE(ROUND(SUM(s.contribution_mobilised / fc.chf_rate), 2), 0) AS mobilised_chf,
                   SUM(CASE WHEN fc.chf_rate IS NULL THEN 1 ELSE 0 END) AS without_rate
            FROM subproject s
            LEFT JOIN funding_cycle fc ON fc.code = s.cycle_code
            WHERE {onSubproject}
            {groupSubproject}
        ),
        le AS (
            SELECT {ledgerKeys} SUM(x.approved) AS approved, SUM(x.released) AS released, SUM(x.disbursed) AS disbursed,
                   COALESCE(ROUND(SUM(x.approved / fy.chf_rate), 2), 0) AS approved_chf,
                   COALESCE(ROUND(SUM(x.released / fy.chf_rate), 2), 0) AS released_chf,
                   COALESCE(ROUND(SUM(x.disbursed / fy.chf_rate), 2), 0) AS disbursed_chf
            FROM (
                SELECT {ledgerInnerKeys},
                       SUM(CASE WHEN l.kind = 'COMMIT' THEN l.amount ELSE 0 END) AS approved,
                       SUM(CASE WHEN l.kind = 'RELEASE' THEN l.amount ELSE 0 END) AS released,
                       SUM(CASE WHEN l.kind = 'DISBURSE' THEN l.amount ELSE 0 END) AS disbursed
                FROM ledger_entry l
                WHERE l.kind IN ('COMMIT', 'RELEASE', 'DISBURSE') AND {onLedger}
                GROUP BY {ledgerInnerKeys}
            ) x
            {ledgerPlaceJoins}
            LEFT JOIN funding_cycle fy ON fy.code = x.cycle_code
            WHERE {ledgerPlaces}
            {groupLedger}
        ),
        aw AS (
            SELECT {spKeys} COUNT(*) AS awards, SUM(w.amount) AS awarded,
                   SUM(CASE WHEN w.paid_on IS NOT NULL THEN w.amount ELSE 0 END) AS award_paid
            FROM award w
            JOIN award_round r ON r.code = w.round_code AND r.status IN ('APPROVED', 'CLOSED')
            JOIN subproject s ON s.code = w.subproject_code
            WHERE w.amount > 0 AND {onSubproject}
            {groupSubproject}
        )
        SELECT {names} sp.n, {stageColumns}, sp.requested,
               COALESCE(le.approved, 0) AS approved, COALESCE(le.released, 0) AS released,
               COALESCE(le.disbursed, 0) AS disbursed,
               sp.contribution_planned, sp.contribution_cash, sp.contribution_labour, sp.contribution_materials,
               sp.contribution_mobilised, sp.disbursed_where_mobilised, sp.women, sp.men, sp.poor, sp.ethnic,
               sp.women_reached, sp.men_reached, sp.disbursed_where_reached, sp.score_sum, sp.scored,
               COALESCE(aw.awards, 0) AS awards, COALESCE(aw.awarded, 0) AS awarded,
               COALESCE(aw.award_paid, 0) AS award_paid, sp.girls, sp.boys, sp.girls_reached, sp.boys_reached,
               sp.output_planned, sp.requested_where_output, sp.contribution_where_output, sp.output_achieved,
               sp.disbursed_where_achieved, sp.mobilised_where_achieved, sp.planned_where_mobilised,
               sp.mobilised_where_reached, sp.requested_chf, sp.contribution_planned_chf, sp.mobilised_chf,
               sp.without_rate, COALESCE(le.approved_chf, 0) AS approved_chf,
               COALESCE(le.released_chf, 0) AS released_chf, COALESCE(le.disbursed_chf, 0) AS disbursed_chf
        FROM sp
        LEFT JOIN le ON {joinLedger}
        LEFT JOIN aw ON {joinAwards}
        {nameJoins}
        {order}
        """, Map.ofEntries(
        Map.entry("spKeys", String.join("", spKeys)), Map.entry("stageSums", stageSums),
        Map.entry("onSubproject", onSubproject), Map.entry("groupSubproject", groupSp),
        Map.entry("ledgerKeys", String.join("", leKeys)), Map.entry("onLedger", onLedger),
        Map.entry("ledgerInnerKeys", String.join(", ", innerKeys)),
        Map.entry("ledgerPlaceJoins", byPlace ? "LEFT JOIN place c ON c.code = x.commune_code\n"
            + "LEFT JOIN place d ON d.code = c.parent_code" : ""),
        Map.entry("ledgerPlaces", ledgerPlaceConditions(query, params)), Map.entry("groupLedger", groupLe),
        Map.entry("names", String.join("", names)), Map.entry("stageColumns", stageColumns),
        Map.entry("joinLedger", on.formatted("le")), Map.entry("joinAwards", on.formatted("aw")),
        Map.entry("nameJoins", String.join("\n", nameJoins)),
        Map.entry("order", order.isEmpty() ? "" : "ORDER BY " + String.join(", ", order))));
    List<Portfolio.Line> lines = jdbc.sql(sql).params(params).query((rs, i) -> line(rs, query, units)).list()
        .stream().filter(line -> line.figures().subprojects() > 0).toList();
    Portfolio.Figures total = lines.stream().map(Portfolio.Line::figures)
        .reduce(Portfolio.Figures.NONE, Portfolio.Figures::plus);
    return new Portfolio(query, lines, total);
  }

  /** The SQL template with each {@code {name}} replaced by its part; a name without a part fails loudly. */
  static String fill(String template, Map<String, String> parts) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder sql = new StringBuilder();
    while (placeholder.find()) {
      String part = parts.get(placeholder.group(1));
      if (part == null) {
        throw new IllegalStateException("No SQL part named " + placeholder.group(1));
      }
      placeholder.appendReplacement(sql, Matcher.quoteReplacement(part));
    }
    return placeholder.appendTail(sql).toString();
  }

  private static String group(List<Dimension> dimensions, java.util.function.Function<Column, String> column) {
    return dimensions.isEmpty() ? "" : "GROUP BY " + dimensions.stream().map(d -> key(column.apply(COLUMNS.get(d))))
        .collect(Collectors.joining(", "));
  }

  /**
   * A grouping key that is never null (a commune missing from the directory has no district),
   * so that the read model's, the ledger's and the awards' sums join on plain equality, which
   * PostgreSQL can hash; {@code IS NOT DISTINCT FROM} made it loop over every pair of lines.
   */
  private static String key(String column) {
    return "COALESCE(" + column + ", '')";
  }

  /** DWC sees everything; a commune's leaders their commune only; nobody else this report. */
  static PortfolioQuery scope(Viewer viewer, PortfolioQuery query) {
    if (viewer.isDwc()) {
      return query;
    }
    List<String> communes = viewer.communes();
    if (communes.isEmpty()) {
      throw new ForbiddenException(Texts.both("reporting.forDwcAndLeaders"));
    }
    if (query.commune() != null && !communes.contains(query.commune())) {
      throw new InvalidInputException(List.of(new FieldError("commune",
          Texts.both("reporting.ownCommuneOnly", String.join(", ", communes)))));
    }
    return query;
  }

  void checkCodes(PortfolioQuery query) {
    exists("province", query.province(), "SELECT COUNT(*) FROM place WHERE code = ? AND kind = 'PROVINCE'");
    exists("district", query.district(), "SELECT COUNT(*) FROM place WHERE code = ? AND kind = 'DISTRICT'");
    exists("commune", query.commune(), "SELECT COUNT(*) FROM place WHERE code = ? AND kind = 'COMMUNE'");
    exists("fund", query.fund(), "SELECT COUNT(*) FROM fund WHERE code = ?");
    exists("cycle", query.cycle(), "SELECT COUNT(*) FROM funding_cycle WHERE code = ?");
    exists("sector", query.sector(), "SELECT COUNT(*) FROM sector WHERE code = ?");
  }

  private void exists(String field, String code, String sql) {
    if (code != null && jdbc.sql(sql).param(code).query(Long.class).single() == 0) {
      throw new UnknownCodeException(field, code);
    }
  }

  /** The filters on the read model ({@code s}): its own columns, district and province included. */
  static String subprojectConditions(PortfolioQuery query, Viewer viewer, Map<String, Object> params) {
    List<String> where = common("s", query, viewer, params);
    if (query.district() != null) {
      where.add("s.district_code = :district");
      params.put("district", query.district());
    }
    if (query.province() != null) {
      where.add("s.province_code = :province");
      params.put("province", query.province());
    }
    if (query.sector() != null) {
      where.add("s.sector_code = :sector");
      params.put("sector", query.sector());
    }
    if (query.hasPeriod()) {
      // submitted in the period, or money committed, paid or returned in it
      where.add("""
          (s.submitted_at >= :periodStart AND s.submitted_at < :periodEnd OR s.code IN (SELECT pl.subproject_code
              FROM ledger_entry pl WHERE pl.recorded_at >= :periodStart AND pl.recorded_at < :periodEnd))""");
      params.put("periodStart", query.periodStart());
      params.put("periodEnd", query.periodEnd());
    }
    return String.join(" AND ", where);
  }

  /** The filters on the ledger ({@code l}) before it is summed by commune, fund and cycle. */
  private static String ledgerConditions(PortfolioQuery query, Viewer viewer, Map<String, Object> params) {
    List<String> where = common("l", query, viewer, params);
    if (query.sector() != null) {
      where.add("l.sector_code = :sector");
    }
    if (query.hasPeriod()) {
      where.add("l.recorded_at >= :periodStart AND l.recorded_at < :periodEnd");
      params.put("periodStart", query.periodStart());
      params.put("periodEnd", query.periodEnd());
    }
    return String.join(" AND ", where);
  }

  /** District and province filters on the ledger's sums, through the commune's place ({@code c}, {@code d}). */
  private static String ledgerPlaceConditions(PortfolioQuery query, Map<String, Object> params) {
    List<String> where = new ArrayList<>();
    where.add("1 = 1");
    if (query.district() != null) {
      where.add("c.parent_code = :district");
    }
    if (query.province() != null) {
      where.add("d.parent_code = :province");
    }
    return String.join(" AND ", where);
  }

  private static List<String> common(String t, PortfolioQuery query, Viewer viewer, Map<String, Object> params) {
    List<String> where = new ArrayList<>();
    where.add("1 = 1");
    if (query.fund() != null) {
      where.add(t + ".fund_code = :fund");
      params.put("fund", query.fund());
    }
    if (query.cycle() != null) {
      where.add(t + ".cycle_code = :cycle");
      params.put("cycle", query.cycle());
    }
    if (query.commune() != null) {
      where.add(t + ".commune_code = :commune");
      params.put("commune", query.commune());
    } else if (!viewer.isDwc()) {
      where.add(t + ".commune_code IN (:ownCommunes)");
      params.put("ownCommunes", viewer.communes());
    }
    return where;
  }

  private static Portfolio.Line line(ResultSet rs, PortfolioQuery query, Map<String, String> units)
      throws SQLException {
    Map<String, Portfolio.Named> group = new LinkedHashMap<>();
    for (Dimension dimension : query.groupBy()) {
      group.put(dimension.key(), new Portfolio.Named(rs.getString(dimension.key() + "_code"),
          rs.getString(dimension.key() + "_name")));
    }
    Map<Stage, Long> stages = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      stages.put(stage, rs.getLong("st_" + stage.name()));
    }
    return new Portfolio.Line(group, new Portfolio.Figures(rs.getLong("n"), stages, rs.getLong("requested"),
        rs.getLong("approved"), rs.getLong("released"), rs.getLong("disbursed"), rs.getLong("contribution_planned"),
        rs.getLong("contribution_cash"), rs.getLong("contribution_labour"), rs.getLong("contribution_materials"),
        rs.getLong("contribution_mobilised"), rs.getLong("disbursed_where_mobilised"), rs.getLong("women"),
        rs.getLong("men"), rs.getLong("poor"), rs.getLong("ethnic"), rs.getLong("women_reached"),
        rs.getLong("men_reached"), rs.getLong("disbursed_where_reached"), rs.getDouble("score_sum"),
        rs.getLong("scored"), rs.getLong("awards"), rs.getLong("awarded"), rs.getLong("award_paid"),
        rs.getLong("girls"), rs.getLong("boys"), new Portfolio.Outputs(rs.getLong("girls_reached"),
            rs.getLong("boys_reached"), rs.getLong("output_planned"), rs.getLong("requested_where_output"),
            rs.getLong("contribution_where_output"), rs.getLong("output_achieved"),
            rs.getLong("disbursed_where_achieved"), rs.getLong("mobilised_where_achieved"),
            rs.getLong("planned_where_mobilised"), rs.getLong("mobilised_where_reached"),
            // outputs add up within one sector: the one filtered on, or the line's
            units.get(query.sector() != null ? query.sector()
                : group.containsKey("sector") ? String.valueOf(group.get("sector").code()) : "")),
        new Portfolio.Chf(rs.getBigDecimal("requested_chf"), rs.getBigDecimal("approved_chf"),
            rs.getBigDecimal("released_chf"), rs.getBigDecimal("disbursed_chf"),
            rs.getBigDecimal("contribution_planned_chf"), rs.getBigDecimal("mobilised_chf"),
            rs.getLong("without_rate"))));
  }
}
