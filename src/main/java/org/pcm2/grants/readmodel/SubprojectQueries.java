package org.pcm2.grants.readmodel;

import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.grantcycle.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Lists of sub-projects from the read model, limited to what the viewer may see: a
 * facilitator their own, a commune leader their commune's, DWC everything.
 */
@Service
public class SubprojectQueries {

  private static final RowMapper<SubprojectView> VIEW = (rs, i) -> new SubprojectView(rs.getString("code"),
      rs.getString("title"), rs.getString("fund_code"), rs.getString("cycle_code"), rs.getString("group_code"),
      rs.getString("unit_type"), rs.getString("unit_name"), rs.getString("commune_code"), rs.getString("commune_name"),
      rs.getString("facilitator_id"), rs.getString("stage"),
      Texts.vietnamese("stage." + Stage.valueOf(rs.getString("stage")).name()),
      rs.getObject("requested_grant", Long.class), rs.getObject("approved_grant", Long.class), rs.getLong("disbursed"),
      rs.getObject("contribution_planned", Long.class), rs.getObject("contribution_mobilised", Long.class),
      rs.getObject("beneficiaries_women", Integer.class), rs.getObject("beneficiaries_men", Integer.class),
      rs.getObject("women_reached", Integer.class), rs.getObject("men_reached", Integer.class),
      rs.getDate("planned_start") == null ? null : rs.getDate("planned_start").toLocalDate(),
      rs.getDate("planned_end") == null ? null : rs.getDate("planned_end").toLocalDate(),
      rs.getObject("evaluation_score", Double.class), rs.getTimestamp("submitted_at").toInstant(),
      rs.getTimestamp("updated_at").toInstant(), rs.getString("process_instance_id"));

  /** Optional filters of a list; null means any. */
  public record Filter(String cycleCode, String fundCode, String communeCode, String stage) {
  }

  private final JdbcClient jdbc;

  public SubprojectQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<SubprojectView> list(Viewer viewer, Filter filter, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM subproject WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (!restrict(viewer, sql, params)) {
      return List.of();
    }
    add(sql, params, "cycle_code", filter.cycleCode());
    add(sql, params, "fund_code", filter.fundCode());
    add(sql, params, "commune_code", filter.communeCode());
    add(sql, params, "stage", filter.stage());
    sql.append(" ORDER BY updated_at DESC, code LIMIT ").append(Math.max(1, Math.min(limit, 500)));
    return jdbc.sql(sql.toString()).params(params).query(VIEW).list();
  }

  /** The sub-project, if it exists and the viewer may see it. */
  public Optional<SubprojectView> find(Viewer viewer, String code) {
    StringBuilder sql = new StringBuilder("SELECT * FROM subproject WHERE code = ?");
    List<Object> params = new ArrayList<>(List.of(code));
    if (!restrict(viewer, sql, params)) {
      return Optional.empty();
    }
    return jdbc.sql(sql.toString()).params(params).query(VIEW).optional();
  }

  /** Adds the viewer's limits; false when they may see nothing at all. */
  private static boolean restrict(Viewer viewer, StringBuilder sql, List<Object> params) {
    if (viewer.isDwc()) {
      return true;
    }
    List<String> clauses = new ArrayList<>();
    if (viewer.isFacilitator()) {
      clauses.add("facilitator_id = ?");
      params.add(viewer.userId());
    }
    for (String commune : viewer.communes()) {
      // the commune it was made in, or the one that commune was merged into (CommuneMerger)
      clauses.add("(leaders_commune_code = ? OR leaders_commune_code IS NULL AND commune_code = ?)");
      params.add(commune);
      params.add(commune);
    }
    if (clauses.isEmpty()) {
      return false;
    }
    sql.append(" AND (").append(String.join(" OR ", clauses)).append(')');
    return true;
  }

  private static void add(StringBuilder sql, List<Object> params, String column, String value) {
    if (value != null && !value.isBlank()) {
      sql.append(" AND ").append(column).append(" = ?");
      params.add(value);
    }
  }
}
