package org.pcm2.grants.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pcm2.grants.directory.UnknownCodeException;
import org.pcm2.grants.reporting.PortfolioQuery.Dimension;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.ForbiddenException;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme's portfolio: how many sub-projects at which stage, the money requested,
 * approved, paid and left, the communities' contribution, the people reached, the leaders'
 * scores and the awards, by any cut of province, district, commune, fund and cycle.
 *
 * <p>Summed in the database: the read model ({@code subproject}) and the ledger are each
 * aggregated by commune, fund and cycle, then joined and rolled up to the cut asked for;
 * money comes from the ledger, the rest from the read model. DWC sees every commune, a
 * commune leader only their own.
 */
@Service
public class PortfolioReport {

  private static final Map<Dimension, String[]> COLUMNS = Map.of(
      Dimension.PROVINCE, new String[] {"p.code", "p.name"},
      Dimension.DISTRICT, new String[] {"d.code", "d.name"},
      Dimension.COMMUNE, new String[] {"c.code", "c.name"},
      Dimension.FUND, new String[] {"b.fund_code", "f.name"},
      Dimension.CYCLE, new String[] {"b.cycle_code", "fc.name"});

  private final JdbcClient jdbc;

  public PortfolioReport(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(readOnly = true)
  public Portfolio report(Viewer viewer, PortfolioQuery asked) {
    PortfolioQuery query = scope(viewer, asked);
    checkCodes(query);
    Map<String, Object> params = new LinkedHashMap<>();
    String onSubproject = conditions("s", query, viewer, params);
    String onLedger = conditions("l", query, viewer, params);

    StringBuilder select = new StringBuilder();
    List<String> groupColumns = new ArrayList<>();
    for (Dimension dimension : query.groupBy()) {
      String[] columns = COLUMNS.get(dimension);
      select.append(columns[0]).append(" AS ").append(dimension.key()).append("_code, ")
          .append(columns[1]).append(" AS ").append(dimension.key()).append("_name, ");
      groupColumns.add(columns[0]);
      groupColumns.add(columns[1]);
    }
    String stageSums = java.util.Arrays.stream(Stage.values())
        .map(stage -> "SUM(CASE WHEN s.stage = '" + stage.name() + "' THEN 1 ELSE 0 END) AS st_" + stage.name())
        .collect(Collectors.joining(",\n"));
    String stageRollUp = java.util.Arrays.stream(Stage.values())
        .map(stage -> "SUM(b.st_" + stage.name() + ") AS st_" + stage.name()).collect(Collectors.joining(", "));
    String sql = """
        SELECT %s
               COALESCE(SUM(b.n), 0) AS n, %s,
               COALESCE(SUM(b.requested), 0) AS requested,
               COALESCE(SUM(l.approved), 0) AS approved, COALESCE(SUM(l.released), 0) AS released,
               COALESCE(SUM(l.disbursed), 0) AS disbursed,
               COALESCE(SUM(b.contribution_planned), 0) AS contribution_planned,
               COALESCE(SUM(b.contribution_cash), 0) AS contribution_cash,
               COALESCE(SUM(b.contribution_labour), 0) AS contribution_labour,
               COALESCE(SUM(b.contribution_materials), 0) AS contribution_materials,
               COALESCE(SUM(b.contribution_mobilised), 0) AS contribution_mobilised,
               COALESCE(SUM(b.disbursed_where_mobilised), 0) AS disbursed_where_mobilised,
               COALESCE(SUM(b.women), 0) AS women, COALESCE(SUM(b.men), 0) AS men,
               COALESCE(SUM(b.poor), 0) AS poor, COALESCE(SUM(b.ethnic), 0) AS ethnic,
               COALESCE(SUM(b.women_reached), 0) AS women_reached, COALESCE(SUM(b.men_reached), 0) AS men_reached,
               COALESCE(SUM(b.disbursed_where_reached), 0) AS disbursed_where_reached,
               COALESCE(SUM(b.score_sum), 0) AS score_sum, COALESCE(SUM(b.scored), 0) AS scored,
               COALESCE(SUM(a.awards), 0) AS awards, COALESCE(SUM(a.awarded), 0) AS awarded,
               COALESCE(SUM(a.award_paid), 0) AS award_paid
        FROM (
            SELECT s.commune_code, s.fund_code, s.cycle_code, COUNT(*) AS n,
                   %s,
                   SUM(s.requested_grant) AS requested,
                   SUM(s.contribution_planned) AS contribution_planned,
                   SUM(s.contribution_cash) AS contribution_cash,
                   SUM(s.contribution_labour) AS contribution_labour,
                   SUM(s.contribution_materials) AS contribution_materials,
                   SUM(s.contribution_mobilised) AS contribution_mobilised,
                   SUM(CASE WHEN s.contribution_mobilised IS NOT NULL THEN s.disbursed ELSE 0 END)
                       AS disbursed_where_mobilised,
                   SUM(s.beneficiaries_women) AS women, SUM(s.beneficiaries_men) AS men,
                   SUM(s.beneficiaries_poor) AS poor, SUM(s.beneficiaries_ethnic) AS ethnic,
                   SUM(s.women_reached) AS women_reached, SUM(s.men_reached) AS men_reached,
                   SUM(CASE WHEN s.women_reached IS NOT NULL OR s.men_reached IS NOT NULL THEN s.disbursed ELSE 0 END)
                       AS disbursed_where_reached,
                   SUM(s.evaluation_score) AS score_sum, COUNT(s.evaluation_score) AS scored
            FROM subproject s
            WHERE %s
            GROUP BY s.commune_code, s.fund_code, s.cycle_code
        ) b
        LEFT JOIN (
            SELECT l.commune_code, l.fund_code, l.cycle_code,
                   SUM(CASE WHEN l.kind = 'COMMIT' THEN l.amount ELSE 0 END) AS approved,
                   SUM(CASE WHEN l.kind = 'RELEASE' THEN l.amount ELSE 0 END) AS released,
                   SUM(CASE WHEN l.kind = 'DISBURSE' THEN l.amount ELSE 0 END) AS disbursed
            FROM ledger_entry l
            WHERE l.kind IN ('COMMIT', 'RELEASE', 'DISBURSE') AND %s
            GROUP BY l.commune_code, l.fund_code, l.cycle_code
        ) l ON l.commune_code = b.commune_code AND l.fund_code = b.fund_code AND l.cycle_code = b.cycle_code
        LEFT JOIN (
            SELECT s.commune_code, s.fund_code, s.cycle_code, COUNT(*) AS awards, SUM(w.amount) AS awarded,
                   SUM(CASE WHEN w.paid_on IS NOT NULL THEN w.amount ELSE 0 END) AS award_paid
            FROM award w
            JOIN award_round r ON r.code = w.round_code AND r.status IN ('APPROVED', 'CLOSED')
            JOIN subproject s ON s.code = w.subproject_code
            WHERE w.amount > 0 AND %s
            GROUP BY s.commune_code, s.fund_code, s.cycle_code
        ) a ON a.commune_code = b.commune_code AND a.fund_code = b.fund_code AND a.cycle_code = b.cycle_code
        LEFT JOIN place c ON c.code = b.commune_code
        LEFT JOIN place d ON d.code = c.parent_code
        LEFT JOIN place p ON p.code = d.parent_code
        LEFT JOIN fund f ON f.code = b.fund_code
        LEFT JOIN funding_cycle fc ON fc.code = b.cycle_code
        %s
        """.formatted(select, stageRollUp, stageSums, onSubproject, onLedger, onSubproject,
        groupColumns.isEmpty() ? "" : "GROUP BY " + String.join(", ", groupColumns) + " ORDER BY "
            + String.join(", ", groupColumns));
    List<Portfolio.Line> lines = jdbc.sql(sql).params(params).query((rs, i) -> line(rs, query.groupBy())).list();
    if (query.groupBy().isEmpty() && lines.size() == 1 && lines.get(0).figures().subprojects() == 0) {
      lines = List.of();
    }
    Portfolio.Figures total = lines.stream().map(Portfolio.Line::figures)
        .reduce(Portfolio.Figures.NONE, Portfolio.Figures::plus);
    return new Portfolio(query, lines, total);
  }

  /** DWC sees everything; a commune's leaders their commune only; nobody else this report. */
  private static PortfolioQuery scope(Viewer viewer, PortfolioQuery query) {
    if (viewer.isDwc()) {
      return query;
    }
    List<String> communes = viewer.communes();
    if (communes.isEmpty()) {
      throw new ForbiddenException("Báo cáo danh mục dành cho DWC và lãnh đạo xã / the portfolio report is for DWC"
          + " and commune leaders");
    }
    if (query.commune() != null && !communes.contains(query.commune())) {
      throw new InvalidInputException(List.of(new FieldError("commune",
          "chỉ xem được xã của mình (" + String.join(", ", communes) + ") / only your own commune")));
    }
    return query;
  }

  private void checkCodes(PortfolioQuery query) {
    exists("province", query.province(), "SELECT COUNT(*) FROM place WHERE code = ? AND kind = 'PROVINCE'");
    exists("district", query.district(), "SELECT COUNT(*) FROM place WHERE code = ? AND kind = 'DISTRICT'");
    exists("commune", query.commune(), "SELECT COUNT(*) FROM place WHERE code = ? AND kind = 'COMMUNE'");
    exists("fund", query.fund(), "SELECT COUNT(*) FROM fund WHERE code = ?");
    exists("cycle", query.cycle(), "SELECT COUNT(*) FROM funding_cycle WHERE code = ?");
  }

  private void exists(String field, String code, String sql) {
    if (code != null && jdbc.sql(sql).param(code).query(Long.class).single() == 0) {
      throw new UnknownCodeException(field, code);
    }
  }

  /** The filters on a table aliased {@code t} that has commune_code, fund_code and cycle_code. */
  private static String conditions(String t, PortfolioQuery query, Viewer viewer, Map<String, Object> params) {
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
    if (query.district() != null) {
      where.add(t + ".commune_code IN (SELECT code FROM place WHERE parent_code = :district)");
      params.put("district", query.district());
    }
    if (query.province() != null) {
      where.add(t + ".commune_code IN (SELECT cc.code FROM place cc JOIN place dd ON dd.code = cc.parent_code"
          + " WHERE dd.parent_code = :province)");
      params.put("province", query.province());
    }
    return String.join(" AND ", where);
  }

  private static Portfolio.Line line(ResultSet rs, List<Dimension> dimensions) throws SQLException {
    Map<String, Portfolio.Named> group = new LinkedHashMap<>();
    for (Dimension dimension : dimensions) {
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
        rs.getLong("scored"), rs.getLong("awards"), rs.getLong("awarded"), rs.getLong("award_paid")));
  }
}
