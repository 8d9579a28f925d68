package org.pcm2.grants.notification;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    return Unchecked.read(identity, () -> resolveAll(users, groups));
  }

  private List<Recipient> resolveAll(List<String> users, List<String> groups) {
    Map<String, User> people = new LinkedHashMap<>();
    for (String userId : users) {
      User user = identity.createUserQuery().userId(userId).singleResult();
      if (user != null) {
        people.putIfAbsent(user.getId(), user);
      }
    }
    for (String group : groups) {
      for (User user : identity.createUserQuery().memberOfGroup(group).list()) {
        people.putIfAbsent(user.getId(), user);
      }
    }
    List<User> reachable = people.values().stream().filter(user -> {
      boolean hasAddress = hasAddress(user);
      if (!hasAddress) {
        LOG.warn("User {} has no email address: no mail sent to them", user.getId());
      }
      return hasAddress;
    }).toList();
    Map<String, String> languages = languages(reachable.stream().map(User::getId).toList());
    return reachable.stream().map(user -> new Recipient(user.getId(), name(user), user.getEmail(),
        languages.getOrDefault(user.getId(), "vi"))).toList();
  }

  /** The person's address as it is now, if they have one. */
  public Optional<String> currentEmail(String userId) {
    return Unchecked.read(identity, () -> Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult())
        .filter(Recipients::hasAddress).map(User::getEmail));
  }

  private static boolean hasAddress(User user) {
    return user.getEmail() != null && user.getEmail().contains("@");
  }

  /** Each person's mail language where they chose one (Vietnamese otherwise), in one query. */
  private Map<String, String> languages(List<String> userIds) {
    Map<String, String> languages = new HashMap<>();
    if (!userIds.isEmpty()) {
      jdbc.sql("SELECT user_id, language FROM user_preference WHERE user_id IN (:users)").param("users", userIds)
          .query(rs -> {
            languages.put(rs.getString(1), rs.getString(2));
          });
    }
    return languages;
  }

  private static String name(User user) {
    String name = ((user.getLastName() == null ? "" : user.getLastName()) + " "
        + (user.getFirstName() == null ? "" : user.getFirstName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
