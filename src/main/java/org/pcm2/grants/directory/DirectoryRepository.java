package org.pcm2.grants.directory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Places, schools and community groups in the project's own tables. */
@Repository
class DirectoryRepository {

  private static final RowMapper<Place> PLACE = (rs, i) -> new Place(rs.getString("code"),
      rs.getString("parent_code"), PlaceKind.valueOf(rs.getString("kind")), rs.getString("name"));
  private static final RowMapper<School> SCHOOL = (rs, i) -> new School(rs.getString("code"),
      rs.getString("commune_code"), rs.getString("name"));
  private static final RowMapper<CommunityGroup> GROUP = (rs, i) -> new CommunityGroup(rs.getString("code"),
      GroupKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("hamlet_code"),
      rs.getString("school_code"), rs.getString("facilitator_id"),
      rs.getObject("formed_on", java.time.LocalDate.class), rs.getObject("members", Integer.class),
      rs.getObject("women_leaders", Integer.class));

  private static final int BATCH = 1000;

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;

  DirectoryRepository(JdbcClient jdbc, JdbcTemplate batches) {
    this.jdbc = jdbc;
    this.batches = batches;
  }

  /** The commune a commune was merged into, if it was. */
  Optional<String> mergedInto(String code) {
    return jdbc.sql("SELECT merged_into FROM place WHERE code = ? AND merged_into IS NOT NULL").param(code)
        .query(String.class).optional();
  }

  /** Every commune merged into another, and the one it was merged into. */
  java.util.Map<String, String> mergers() {
    java.util.Map<String, String> mergers = new java.util.HashMap<>();
    jdbc.sql("SELECT code, merged_into FROM place WHERE merged_into IS NOT NULL")
        .query(rs -> {
          mergers.put(rs.getString(1), rs.getString(2));
        });
    return mergers;
  }

  /** The communes merged into this one, directly or through an earlier merger. */
  List<String> mergedIntoIt(String code) {
    return jdbc.sql("""
        WITH RECURSIVE earlier (code) AS (
          SELECT code FROM place WHERE merged_into = ?
          UNION ALL
          SELECT p.code FROM place p JOIN earlier e ON p.merged_into = e.code)
        SELECT code FROM earlier ORDER BY code""").param(code).query(String.class).list();
  }

  Optional<Place> findPlace(String code) {
    return jdbc.sql("SELECT code, parent_code, kind, name FROM place WHERE code = ?")
        .param(code).query(PLACE).optional();
  }

  List<Place> findChildren(String parentCode) {
    return jdbc.sql("SELECT code, parent_code, kind, name FROM place WHERE parent_code = ? ORDER BY name")
        .param(parentCode).query(PLACE).list();
  }

  List<Place> findRoots() {
    return jdbc.sql("SELECT code, parent_code, kind, name FROM place WHERE parent_code IS NULL ORDER BY name")
        .query(PLACE).list();
  }

  List<Place> findByKind(PlaceKind kind) {
    return jdbc.sql("SELECT code, parent_code, kind, name FROM place WHERE kind = ? ORDER BY code")
        .param(kind.name()).query(PLACE).list();
  }

  /** The place and its ancestors, nearest first (a recursive query: the tree has any depth). */
  List<Place> findSelfAndAncestors(String code) {
    return jdbc.sql("""
        WITH RECURSIVE chain (code, parent_code, kind, name, depth) AS (
            SELECT code, parent_code, kind, name, 0 FROM place WHERE code = ?
            UNION ALL
            SELECT p.code, p.parent_code, p.kind, p.name, c.depth + 1
            FROM place p JOIN chain c ON p.code = c.parent_code
            WHERE c.depth < 32
        )
        SELECT code, parent_code, kind, name FROM chain ORDER BY depth
        """).param(code).query(PLACE).list();
  }

  List<Place> allPlaces() {
    return jdbc.sql("SELECT code, parent_code, kind, name FROM place ORDER BY code").query(PLACE).list();
  }

  List<School> allSchools() {
    return jdbc.sql("SELECT code, commune_code, name FROM school ORDER BY code").query(SCHOOL).list();
  }

  List<CommunityGroup> allGroups() {
    return jdbc.sql("""
        SELECT code, kind, name, hamlet_code, school_code, facilitator_id, formed_on, members, women_leaders
        FROM community_group ORDER BY code
        """).query(GROUP).list();
  }

  Optional<School> findSchool(String code) {
    return jdbc.sql("SELECT code, commune_code, name FROM school WHERE code = ?")
        .param(code).query(SCHOOL).optional();
  }

  Optional<CommunityGroup> findGroup(String code) {
    return jdbc.sql("""
        SELECT code, kind, name, hamlet_code, school_code, facilitator_id, formed_on, members, women_leaders
        FROM community_group WHERE code = ?
        """).param(code).query(GROUP).optional();
  }

  void savePlace(Place place) {
    int updated = jdbc.sql("UPDATE place SET parent_code = ?, kind = ?, name = ? WHERE code = ?")
        .params(place.parentCode(), place.kind().name(), place.name(), place.code()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO place (code, parent_code, kind, name) VALUES (?, ?, ?, ?)")
          .params(place.code(), place.parentCode(), place.kind().name(), place.name()).update();
    }
  }

  void saveSchool(School school) {
    int updated = jdbc.sql("UPDATE school SET commune_code = ?, name = ? WHERE code = ?")
        .params(school.communeCode(), school.name(), school.code()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO school (code, commune_code, name) VALUES (?, ?, ?)")
          .params(school.code(), school.communeCode(), school.name()).update();
    }
  }

  void saveGroup(CommunityGroup group) {
    int updated = jdbc.sql("""
        UPDATE community_group SET kind = ?, name = ?, hamlet_code = ?, school_code = ?, facilitator_id = ?,
            formed_on = ?, members = ?, women_leaders = ?
        WHERE code = ?
        """).params(group.kind().name(), group.name(), group.hamletCode(), group.schoolCode(),
        group.facilitatorId(), group.formedOn(), group.members(), group.womenLeaders(), group.code()).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO community_group (code, kind, name, hamlet_code, school_code, facilitator_id, formed_on, members,
              women_leaders)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """).params(group.code(), group.kind().name(), group.name(), group.hamletCode(),
          group.schoolCode(), group.facilitatorId(), group.formedOn(), group.members(), group.womenLeaders()).update();
    }
  }

  /** Writes many places at once (an import): new ones inserted, known ones updated, a batch at a time. */
  void savePlaces(List<Place> created, List<Place> changed) {
    batches.batchUpdate("INSERT INTO place (parent_code, kind, name, code) VALUES (?, ?, ?, ?)", created, BATCH,
        (ps, p) -> place(ps, p));
    batches.batchUpdate("UPDATE place SET parent_code = ?, kind = ?, name = ? WHERE code = ?", changed, BATCH,
        (ps, p) -> place(ps, p));
  }

  void saveSchools(List<School> created, List<School> changed) {
    batches.batchUpdate("INSERT INTO school (commune_code, name, code) VALUES (?, ?, ?)", created, BATCH,
        (ps, s) -> school(ps, s));
    batches.batchUpdate("UPDATE school SET commune_code = ?, name = ? WHERE code = ?", changed, BATCH,
        (ps, s) -> school(ps, s));
  }

  void saveGroups(List<CommunityGroup> created, List<CommunityGroup> changed) {
    batches.batchUpdate("""
        INSERT INTO community_group (kind, name, hamlet_code, school_code, facilitator_id, formed_on, members,
            women_leaders, code)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", created, BATCH, (ps, g) -> group(ps, g));
    batches.batchUpdate("""
        UPDATE community_group SET kind = ?, name = ?, hamlet_code = ?, school_code = ?, facilitator_id = ?,
            formed_on = ?, members = ?, women_leaders = ?
        WHERE code = ?""", changed, BATCH, (ps, g) -> group(ps, g));
  }

  private static void place(PreparedStatement ps, Place p) throws SQLException {
    ps.setString(1, p.parentCode());
    ps.setString(2, p.kind().name());
    ps.setString(3, p.name());
    ps.setString(4, p.code());
  }

  private static void school(PreparedStatement ps, School s) throws SQLException {
    ps.setString(1, s.communeCode());
    ps.setString(2, s.name());
    ps.setString(3, s.code());
  }

  private static void group(PreparedStatement ps, CommunityGroup g) throws SQLException {
    ps.setString(1, g.kind().name());
    ps.setString(2, g.name());
    ps.setString(3, g.hamletCode());
    ps.setString(4, g.schoolCode());
    ps.setString(5, g.facilitatorId());
    ps.setObject(6, g.formedOn() == null ? null : java.sql.Date.valueOf(g.formedOn()), java.sql.Types.DATE);
    ps.setObject(7, g.members(), java.sql.Types.INTEGER);
    ps.setObject(8, g.womenLeaders(), java.sql.Types.INTEGER);
    ps.setString(9, g.code());
  }

  DirectoryCounts counts() {
    return jdbc.sql("""
        SELECT (SELECT COUNT(*) FROM place) AS places,
               (SELECT COUNT(*) FROM place WHERE kind = 'COMMUNE') AS communes,
               (SELECT COUNT(*) FROM place WHERE kind = 'HAMLET') AS hamlets,
               (SELECT COUNT(*) FROM school) AS schools,
               (SELECT COUNT(*) FROM community_group) AS groups
        """).query(DirectoryCounts.class).single();
  }
}
