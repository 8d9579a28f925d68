package org.pcm2.grants.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.system.Unchecked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The people behind user and group ids, each once, with an address; those without one are skipped and logged. */
@Component
public class Recipients {

  private static final Logger LOG = LoggerFactory.getLogger(Recipients.class);

  private final IdentityService identity;
  private final JdbcClient jdbc;

  public Recipients(@Lazy IdentityService identity, JdbcClient jdbc) {
    this.identity = identity;
    this.jdbc = jdbc;
  }

  public List<Recipient> resolve(List<String> users, List<String> groups) {
    if (users.isEmpty() && groups.isEmpty()) {
      return List.of();
    }
    // One query for every person and their language, instead of an engine command for each
    // person and group and a query for the languages: a grant cycle sends some seventeen mails.
    // The people are Camunda's own (its database identity service, which the application uses).
    Map<String, Recipient> byId = new HashMap<>();
    Map<String, List<String>> membersByGroup = new HashMap<>();
    jdbc.sql("""
        SELECT u.id_, u.first_, u.last_, u.email_, p.language, m.group_id_
        FROM act_id_user u
        LEFT JOIN user_preference p ON p.user_id = u.id_
        LEFT JOIN act_id_membership m ON m.user_id_ = u.id_ AND m.group_id_ IN (:groups)
        WHERE u.id_ IN (:users) OR m.group_id_ IS NOT NULL
        ORDER BY u.id_
        """).param("users", users.isEmpty() ? List.of("") : users)
        .param("groups", groups.isEmpty() ? List.of("") : groups).query(rs -> {
          String id = rs.getString(1);
          String language = rs.getString(5);
          byId.putIfAbsent(id, new Recipient(id, name(id, rs.getString(2), rs.getString(3)), rs.getString(4),
              language == null ? "vi" : language));
          if (rs.getString(6) != null) {
            membersByGroup.computeIfAbsent(rs.getString(6), group -> new ArrayList<>()).add(id);
          }
        });
    // the people named first, then each group's members, each person once
    Set<String> order = new LinkedHashSet<>(users);
    groups.forEach(group -> order.addAll(membersByGroup.getOrDefault(group, List.of())));
    List<Recipient> reachable = new ArrayList<>();
    for (String id : order) {
      Recipient person = byId.get(id);
      if (person == null) {
        continue;
      }
      if (hasAddress(person.email())) {
        reachable.add(person);
      } else {
        LOG.warn("User {} has no email address: no mail sent to them", id);
      }
    }
    return reachable;
  }

  /** The person's address as it is now, if they have one. */
  public Optional<String> currentEmail(String userId) {
    return Unchecked.read(identity, () -> Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult())
        .map(User::getEmail).filter(Recipients::hasAddress));
  }

  private static boolean hasAddress(String email) {
    return email != null && email.contains("@");
  }

  private static String name(String id, String firstName, String lastName) {
    String name = ((lastName == null ? "" : lastName) + " " + (firstName == null ? "" : firstName)).trim();
    return name.isEmpty() ? id : name;
  }
}
