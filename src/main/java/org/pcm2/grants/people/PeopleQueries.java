package org.pcm2.grants.people;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pcm2.grants.directory.IdentityGroups;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the people of Camunda's identity service (its tables {@code ACT_ID_USER} and
 * {@code ACT_ID_MEMBERSHIP}) with SQL, read-only: the search matches id, name or address in
 * any case, pages and counts in one go, which the identity service's query cannot (it has no
 * OR across fields and compares case as it is). Writes stay with the identity service.
 * A person is active while they belong to a group: one who left the programme belongs to
 * none ({@link PersonDeactivation}).
 */
@Component
public class PeopleQueries {

  /** A person as the API shows them: roles and communes from their groups. */
  public record Person(String id, String firstName, String lastName, String name, String email, List<PersonRole> roles,
      List<String> communes, boolean active) {
  }

  /** One page of a search, with the number of people it found in all. */
  public record Page(long total, int page, int size, List<Person> people) {
  }

  private final JdbcClient jdbc;

  PeopleQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The people whose id, name or address contains {@code q} (any case), of the role when given, by id. */
  public Page search(String q, PersonRole role, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (q != null && !q.isBlank()) {
      String like = "%" + q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
          .replace("_", "\\_") + "%";
      where.append(" AND (LOWER(u.ID_) LIKE ? ESCAPE '\\' OR LOWER(u.EMAIL_) LIKE ? ESCAPE '\\'"
          + " OR LOWER(COALESCE(u.LAST_, '') || ' ' || COALESCE(u.FIRST_, '')) LIKE ? ESCAPE '\\')");
      params.addAll(List.of(like, like, like));
    }
    if (role != null) {
      where.append(" AND EXISTS (SELECT 1 FROM ACT_ID_MEMBERSHIP m WHERE m.USER_ID_ = u.ID_ AND m.GROUP_ID_ = ?)");
      params.add(role.group());
    }
    long total = jdbc.sql("SELECT COUNT(*) FROM ACT_ID_USER u" + where).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(size);
    pageParams.add((long) page * size);
    List<String[]> users = jdbc.sql("SELECT u.ID_, u.FIRST_, u.LAST_, u.EMAIL_ FROM ACT_ID_USER u" + where
        + " ORDER BY u.ID_ LIMIT ? OFFSET ?").params(pageParams)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list();
    return new Page(total, page, size, withGroups(users));
  }

  public Optional<Person> find(String id) {
    List<String[]> users = jdbc.sql("SELECT ID_, FIRST_, LAST_, EMAIL_ FROM ACT_ID_USER WHERE ID_ = ?").param(id)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)}).list();
    return withGroups(users).stream().findFirst();
  }

  /** A person's account as stored: every group they belong to, whatever it is. */
  record Account(String id, String firstName, String lastName, String email, List<String> groups) {
  }

  /** Every account, by id. */
  List<Account> accounts() {
    Map<String, List<String>> groups = new HashMap<>();
    jdbc.sql("SELECT USER_ID_, GROUP_ID_ FROM ACT_ID_MEMBERSHIP ORDER BY GROUP_ID_").query(rs -> {
      groups.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
    });
    return jdbc.sql("SELECT ID_, FIRST_, LAST_, EMAIL_ FROM ACT_ID_USER ORDER BY ID_")
        .query((rs, i) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            groups.getOrDefault(rs.getString(1), List.of())))
        .list();
  }

  /**
   * The active people with an address whose id is {@code who}, or whose address it is (any
   * case): whom a forgotten-password request can be for.
   */
  List<String> activeWithAddress(String who) {
    return jdbc.sql("""
        SELECT u.ID_ FROM ACT_ID_USER u
        WHERE (u.ID_ = ? OR LOWER(u.EMAIL_) = ?) AND u.EMAIL_ LIKE '%@%'
          AND EXISTS (SELECT 1 FROM ACT_ID_MEMBERSHIP m WHERE m.USER_ID_ = u.ID_)
        ORDER BY u.ID_
        """).params(who, who.toLowerCase(Locale.ROOT)).query(String.class).list();
  }

  /** Who already has this address (any case), if anyone. */
  Optional<String> withAddress(String email) {
    return jdbc.sql("SELECT ID_ FROM ACT_ID_USER WHERE LOWER(EMAIL_) = ? ORDER BY ID_")
        .param(email.toLowerCase(Locale.ROOT)).query(String.class).list().stream().findFirst();
  }

  /**
   * Locks the person's row until the transaction ends, so that two requests for the same
   * person (two forgotten-password requests at once, on one instance or two) take turns.
   */
  void lock(String userId) {
    jdbc.sql("SELECT ID_ FROM ACT_ID_USER WHERE ID_ = ? FOR UPDATE").param(userId).query(String.class).list();
  }

  private List<Person> withGroups(List<String[]> users) {
    if (users.isEmpty()) {
      return List.of();
    }
    Map<String, List<String>> groups = new HashMap<>();
    jdbc.sql("SELECT USER_ID_, GROUP_ID_ FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ IN (:ids)")
        .param("ids", users.stream().map(user -> user[0]).toList())
        .query(rs -> {
          groups.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
        });
    return users.stream().map(user -> person(user, groups.getOrDefault(user[0], List.of()))).toList();
  }

  private static Person person(String[] user, List<String> groups) {
    List<PersonRole> roles = groups.stream().map(PersonRole::ofGroup).flatMap(Optional::stream)
        .sorted(Comparator.naturalOrder()).toList();
    List<String> communes = groups.stream().filter(IdentityGroups::isCommuneLeadersGroup)
        .map(IdentityGroups::communeOf).sorted().toList();
    String name = ((user[2] == null ? "" : user[2]) + " " + (user[1] == null ? "" : user[1])).trim();
    return new Person(user[0], user[1], user[2], name.isEmpty() ? user[0] : name, user[3], roles, communes,
        !groups.isEmpty());
  }
}
