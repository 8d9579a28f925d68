package org.pcm2.grants.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The directory a page at a time, for people who look through it: places, schools or
 * groups whose code or name contains what they typed (case aside), in code order, with
 * the total so the pages can be counted.
 */
@Component
public class DirectoryListing {

  /** Which list. */
  public enum Subject {
    PLACES, SCHOOLS, GROUPS
  }

  /**
   * One line of a list: the thing's code, name and kind, the code and name of what it
   * belongs to (parent place, commune, hamlet or school) and, for a group, its facilitator.
   */
  public record Row(String code, String name, String kind, String ownerCode, String ownerName, String facilitatorId) {
  }

  /** A page of rows; {@code page} counts from 0. */
  public record Page(List<Row> rows, long total, int page, int size) {

    public int pages() {
      return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
      return (long) (page + 1) * size < total;
    }
  }

  public static final int MAX_SIZE = 200;

  private final JdbcClient jdbc;

  DirectoryListing(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Rows whose code or name contains {@code query} (all when blank); {@code kind} narrows places and groups. */
  public Page find(Subject subject, String query, String kind, int page, int size) {
    int pageSize = Math.min(Math.max(size, 1), MAX_SIZE);
    int pageNumber = Math.max(page, 0);
    String from = switch (subject) {
      case PLACES -> """
          FROM place t LEFT JOIN place o ON o.code = t.parent_code""";
      case SCHOOLS -> """
          FROM school t JOIN place o ON o.code = t.commune_code""";
      case GROUPS -> """
          FROM community_group t
          LEFT JOIN place h ON h.code = t.hamlet_code
          LEFT JOIN school s ON s.code = t.school_code""";
    };
    String columns = switch (subject) {
      case PLACES -> "t.code, t.name, t.kind, t.parent_code AS owner_code, o.name AS owner_name, NULL AS facilitator_id";
      case SCHOOLS -> "t.code, t.name, 'SCHOOL' AS kind, t.commune_code AS owner_code, o.name AS owner_name,"
          + " NULL AS facilitator_id";
      case GROUPS -> "t.code, t.name, t.kind, COALESCE(t.hamlet_code, t.school_code) AS owner_code,"
          + " COALESCE(h.name, s.name) AS owner_name, t.facilitator_id";
    };
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (query != null && !query.isBlank()) {
      String like = "%" + query.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%";
      where.append(" AND (LOWER(t.code) LIKE ? ESCAPE '\\' OR LOWER(t.name) LIKE ? ESCAPE '\\'");
      params.add(like);
      params.add(like);
      if (subject == Subject.GROUPS) {
        where.append(" OR LOWER(t.facilitator_id) LIKE ? ESCAPE '\\'");
        params.add(like);
      }
      where.append(")");
    }
    if (kind != null && !kind.isBlank() && subject != Subject.SCHOOLS) {
      where.append(" AND t.kind = ?");
      params.add(kind);
    }
    long total = jdbc.sql("SELECT COUNT(*) " + from + where).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(pageSize);
    pageParams.add((long) pageNumber * pageSize);
    List<Row> rows = jdbc.sql("SELECT " + columns + " " + from + where + " ORDER BY t.code LIMIT ? OFFSET ?")
        .params(pageParams)
        .query((rs, i) -> new Row(rs.getString("code"), rs.getString("name"), rs.getString("kind"),
            rs.getString("owner_code"), rs.getString("owner_name"), rs.getString("facilitator_id")))
        .list();
    return new Page(rows, total, pageNumber, pageSize);
  }
}
