package org.pcm2.grants.feedback;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.system.Deadlines;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How much the community said and how it was answered: pieces received, answered, still
 * open, and overdue (open past the time to answer, {@code pcm.deadlines.due.feedback}), in
 * all, by category and by commune, each piece counted once. DWC sees every commune, a
 * commune's leaders their own.
 */
@Service
public class FeedbackReport {

  /** The counts of one cut. */
  public record Counts(String key, String label, long received, long resolved, long open, long overdue) {
  }

  /** The report. */
  public record Report(Counts total, List<Counts> byCategory, List<Counts> byCommune) {
  }

  private final JdbcClient jdbc;
  private final Deadlines deadlines;
  private final DirectoryService directory;

  public FeedbackReport(JdbcClient jdbc, Deadlines deadlines, DirectoryService directory) {
    this.jdbc = jdbc;
    this.deadlines = deadlines;
    this.directory = directory;
  }

  public Report report(Viewer viewer, String province, String district, String commune) {
    List<Object> params = new ArrayList<>();
    Timestamp overdueBefore = Timestamp.from(ClockUtil.getCurrentTime().toInstant()
        .minus(deadlines.dueWithin("feedback")));
    params.add(overdueBefore);
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (!viewer.isDwc() && !viewer.isAdministrator()) {
      // their communes, and those merged into them: the feedback about those is theirs now
      List<String> communes = new ArrayList<>(viewer.communes());
      viewer.communes().forEach(own -> communes.addAll(directory.mergedInto(own)));
      if (communes.isEmpty()) {
        return new Report(new Counts("", "", 0, 0, 0, 0), List.of(), List.of());
      }
      where.append(" AND f.commune_code IN (").append(String.join(", ", communes.stream().map(c -> "?").toList()))
          .append(")");
      params.addAll(communes);
    }
    filter(where, params, "c.code", commune);
    filter(where, params, "d.code", district);
    filter(where, params, "d.parent_code", province);
    String from = " FROM community_feedback f JOIN place c ON c.code = f.commune_code"
        + " LEFT JOIN place d ON d.code = c.parent_code" + where;
    String counts = "COUNT(*), SUM(CASE WHEN f.status = 'RESOLVED' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN f.status <> 'RESOLVED' THEN 1 ELSE 0 END),"
        + " SUM(CASE WHEN f.status <> 'RESOLVED' AND f.received_at < ? THEN 1 ELSE 0 END)";
    Counts total = jdbc.sql("SELECT '', '', " + counts + from).params(params)
        .query((rs, row) -> counts(rs, "", "")).single();
    List<Counts> byCategory = jdbc.sql("SELECT f.category, ''," + counts + from + " GROUP BY f.category"
        + " ORDER BY f.category").params(params).query((rs, row) -> counts(rs, rs.getString(1),
        Texts.both(FeedbackCategory.valueOf(rs.getString(1)).textKey()))).list();
    List<Counts> byCommune = jdbc.sql("SELECT f.commune_code, c.name, " + counts + from
        + " GROUP BY f.commune_code, c.name ORDER BY c.name").params(params)
        .query((rs, row) -> counts(rs, rs.getString(1), rs.getString(2))).list();
    return new Report(total, byCategory, byCommune);
  }

  private static void filter(StringBuilder where, List<Object> params, String column, String value) {
    if (value != null && !value.isBlank()) {
      where.append(" AND ").append(column).append(" = ?");
      params.add(value.strip());
    }
  }

  private static Counts counts(java.sql.ResultSet rs, String key, String label) throws java.sql.SQLException {
    return new Counts(key, label, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
  }
}
