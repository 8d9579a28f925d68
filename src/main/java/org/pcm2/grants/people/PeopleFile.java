package org.pcm2.grants.people;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryChanges;
import org.pcm2.grants.directory.DirectoryChanges.Subject;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.RoleGroups;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme's people as a file in the columns of {@code demo/users.csv}
 * ({@code id;firstName;lastName;email;groups}, the groups split by spaces). A new id is a new
 * person with an invitation to choose their password, as {@link PersonRegistration} makes
 * one; an existing id has its name, address and programme groups brought in step with the
 * row, memberships added and removed through the identity service, so a leader leaving a
 * commune gives its claimed steps back ({@link LeaderChanges}). Every row is checked before
 * anything is written, and each change is in the change log. What the file does not do, on
 * purpose: it never deactivates nor brings back a person (that is the people page's and the
 * API's), never grants nor removes administrators (Camunda Admin's), never takes a
 * facilitator's role while they serve groups, and leaves people absent from it and groups
 * outside the programme's as they are. A file holds no password: a column named like one
 * refuses it.
 */
@Service
public class PeopleFile {

  /** The file's name (written in two parts: a literal {@code people.…} reads as a text key to TextsTest). */
  public static final String FILE = "people" + ".csv";
  public static final List<String> COLUMNS = List.of("id", "firstName", "lastName", "email", "groups");

  /** One row as read; {@code line} counts the header as line 1. */
  public record Row(long line, String id, String firstName, String lastName, String email, String groups) {
  }

  /** What the file does (or would do): ids created and changed, rows left as they were. */
  public record Result(List<String> created, List<String> changed, int unchanged) {
  }

  private final PeopleQueries people;
  private final PersonRegistration registration;
  private final IdentityService identity;
  private final DirectoryService directory;
  private final RoleGroups roleGroups;
  private final DirectoryChanges changes;
  private final PasswordLinks links;

  PeopleFile(PeopleQueries people, PersonRegistration registration, IdentityService identity,
      DirectoryService directory, RoleGroups roleGroups, DirectoryChanges changes, PasswordLinks links) {
    this.people = people;
    this.registration = registration;
    this.identity = identity;
    this.directory = directory;
    this.roleGroups = roleGroups;
    this.changes = changes;
    this.links = links;
  }

  /** Whether a column may not be in a people file: a password has no place in a file. */
  public static boolean forbidden(String column) {
    String name = column.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return name.contains("password") || name.contains("passwd") || name.contains("matkhau");
  }

  /**
   * Checks every row (adding to the {@code errors} already found in the file) and refuses the
   * file if any is wrong; says what it would change, or changes it when {@code apply}.
   */
  @Transactional
  public Result run(List<Row> rows, List<FieldError> errors, boolean apply, String actor) {
    Map<String, PeopleQueries.Account> existing = people.accounts().stream()
        .collect(Collectors.toMap(PeopleQueries.Account::id, account -> account));
    Map<String, Place> communes = directory.communes().stream().collect(Collectors.toMap(Place::code, p -> p));
    Map<String, List<String>> served = new HashMap<>();
    for (CommunityGroup group : directory.allGroups()) {
      served.computeIfAbsent(group.facilitatorId(), id -> new ArrayList<>()).add(group.code());
    }
    Set<String> inFile = rows.stream().map(Row::id).collect(Collectors.toSet());
    Map<String, String> addressOwners = new HashMap<>();
    existing.values().stream().filter(a -> a.email() != null && !inFile.contains(a.id()))
        .forEach(a -> addressOwners.putIfAbsent(a.email().toLowerCase(Locale.ROOT), a.id()));

    Map<String, Row> checked = new java.util.LinkedHashMap<>();
    Map<String, Set<String>> wanted = new HashMap<>();
    Set<String> ids = new java.util.HashSet<>();
    Map<String, Long> addresses = new HashMap<>();
    for (Row row : rows) {
      int before = errors.size();
      String id = row.id();
      if (id.isEmpty() || id.length() > PersonRegistration.MAX_ID || !PersonRegistration.ID.matcher(id).matches()) {
        errors.add(error(row, "id", Texts.both("people.idForm", PersonRegistration.MAX_ID)));
      } else if (!ids.add(id)) {
        errors.add(error(row, "id", Texts.both("setup.twice", id)));
      }
      name(row, "firstName", row.firstName(), errors);
      name(row, "lastName", row.lastName(), errors);
      email(row, addressOwners, addresses, errors);
      PeopleQueries.Account account = existing.get(id);
      Set<String> groups = groups(row, account, communes, served, errors);
      if (errors.size() == before) {
        checked.put(id, row);
        wanted.put(id, groups);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }

    List<String> created = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    int unchanged = 0;
    for (Row row : checked.values()) {
      PeopleQueries.Account account = existing.get(row.id());
      if (account == null) {
        created.add(row.id());
        if (apply) {
          create(row, wanted.get(row.id()), communes, actor);
        }
      } else if (same(row, account, wanted.get(row.id()))) {
        unchanged++;
      } else {
        changed.add(row.id());
        if (apply) {
          change(row, account, wanted.get(row.id()), communes, actor);
        }
      }
    }
    return new Result(created, changed, unchanged);
  }

  /** The file's rows for everyone, by id: a person who left the programme with no groups. */
  public List<List<String>> export() {
    return people.accounts().stream().map(a -> List.of(a.id(), orEmpty(a.firstName()), orEmpty(a.lastName()),
        orEmpty(a.email()), String.join(" ", ordered(programmeGroups(a.groups()))))).toList();
  }

  private void create(Row row, Set<String> groups, Map<String, Place> communes, String actor) {
    ensureCommuneGroups(groups, communes);
    registration.createInvited(row.id(), row.firstName(), row.lastName(), row.email(), ordered(groups), actor);
  }

  private void change(Row row, PeopleQueries.Account account, Set<String> groups, Map<String, Place> communes,
      String actor) {
    User user = identity.createUserQuery().userId(row.id()).singleResult();
    List<DirectoryChanges.Change> log = new ArrayList<>();
    boolean save = false;
    if (!row.firstName().equals(orEmpty(account.firstName()))) {
      log.add(change(row, "firstName", account.firstName(), row.firstName()));
      user.setFirstName(row.firstName());
      save = true;
    }
    if (!row.lastName().equals(orEmpty(account.lastName()))) {
      log.add(change(row, "lastName", account.lastName(), row.lastName()));
      user.setLastName(row.lastName());
      save = true;
    }
    if (!row.email().equals(orEmpty(account.email()))) {
      log.add(change(row, "email", account.email(), row.email()));
      user.setEmail(row.email());
      // a link mailed to the old address no longer opens the account; the page sends a fresh one
      links.revokeOpen(row.id());
      save = true;
    }
    if (save) {
      identity.saveUser(user);
    }
    Set<String> before = programmeGroups(account.groups());
    if (!before.equals(groups)) {
      ensureCommuneGroups(groups, communes);
      for (String group : before) {
        if (!groups.contains(group)) {
          // a commune's group left: LeaderChanges gives the commune's claimed steps back
          identity.deleteMembership(row.id(), group);
        }
      }
      for (String group : ordered(groups)) {
        if (!before.contains(group)) {
          identity.createMembership(row.id(), group);
        }
      }
      // a role left: the DWC teams' groups of that role too (they count only with the role)
      for (String group : account.groups()) {
        if (IdentityGroups.roleOfTeamGroup(group).filter(role -> before.contains(role) && !groups.contains(role))
            .isPresent()) {
          identity.deleteMembership(row.id(), group);
        }
      }
      log.add(change(row, "groups", String.join(" ", ordered(before)), String.join(" ", ordered(groups))));
    }
    if (!log.isEmpty()) {
      changes.recordAll(actor, log);
    }
  }

  private static DirectoryChanges.Change change(Row row, String field, String before, String after) {
    return new DirectoryChanges.Change(Subject.PERSON, row.id(), field, before, after, "import");
  }

  private void ensureCommuneGroups(Set<String> groups, Map<String, Place> communes) {
    groups.stream().filter(IdentityGroups::isCommuneLeadersGroup)
        .forEach(group -> roleGroups.saveCommuneLeaders(communes.get(IdentityGroups.communeOf(group))));
  }

  private static boolean same(Row row, PeopleQueries.Account account, Set<String> groups) {
    return row.firstName().equals(orEmpty(account.firstName())) && row.lastName().equals(orEmpty(account.lastName()))
        && row.email().equals(orEmpty(account.email())) && programmeGroups(account.groups()).equals(groups);
  }

  /**
   * The row's groups, each one of the programme's; a commune's group with its role; no
   * administrator granted or removed; no person deactivated or brought back; no facilitator's
   * role taken while they serve groups.
   */
  private static Set<String> groups(Row row, PeopleQueries.Account account, Map<String, Place> communes,
      Map<String, List<String>> served, List<FieldError> errors) {
    Set<String> groups = new LinkedHashSet<>();
    for (String group : row.groups().split("\\s+")) {
      if (group.isEmpty()) {
        continue;
      }
      boolean known = PersonRole.ofGroup(group).isPresent() || IdentityGroups.isCommuneLeadersGroup(group)
          && communes.containsKey(IdentityGroups.communeOf(group));
      if (known) {
        groups.add(group);
      } else {
        errors.add(error(row, "groups", Texts.both("people.file.unknownGroup", group)));
      }
    }
    boolean leader = groups.contains(IdentityGroups.COMMUNE_LEADERS);
    boolean commune = groups.stream().anyMatch(IdentityGroups::isCommuneLeadersGroup);
    if (leader != commune) {
      errors.add(error(row, "groups", Texts.both("people.file.leaderAndCommune")));
    }
    Set<String> before = account == null ? Set.of() : programmeGroups(account.groups());
    if (before.contains(IdentityGroups.ADMINISTRATORS) != groups.contains(IdentityGroups.ADMINISTRATORS)) {
      errors.add(error(row, "groups", Texts.both("people.file.administrators")));
    }
    if (account == null && groups.isEmpty()) {
      errors.add(error(row, "groups", Texts.both("people.file.noGroups")));
    } else if (account != null && !before.isEmpty() && groups.isEmpty()) {
      errors.add(error(row, "groups", Texts.both("people.file.noDeactivation", row.id())));
    } else if (account != null && before.isEmpty() && !groups.isEmpty()) {
      errors.add(error(row, "groups", Texts.both("people.file.inactive", row.id())));
    }
    List<String> serves = served.getOrDefault(row.id(), List.of());
    if (before.contains(IdentityGroups.FACILITATORS) && !groups.contains(IdentityGroups.FACILITATORS)
        && !serves.isEmpty()) {
      errors.add(error(row, "groups", Texts.both("people.stillServes", row.id(), String.join(", ",
          serves.stream().sorted().toList()))));
    }
    return groups;
  }

  private static void name(Row row, String column, String value, List<FieldError> errors) {
    if (value.isEmpty() || value.length() > PersonRegistration.MAX_NAME) {
      errors.add(error(row, column, Texts.both("check.requiredAtMost", PersonRegistration.MAX_NAME)));
    }
  }

  private static void email(Row row, Map<String, String> owners, Map<String, Long> seen, List<FieldError> errors) {
    String email = row.email();
    if (email.isEmpty() || email.length() > PersonRegistration.MAX_EMAIL
        || !PersonRegistration.EMAIL.matcher(email).matches()) {
      errors.add(error(row, "email", Texts.both("people.emailForm")));
      return;
    }
    String key = email.toLowerCase(Locale.ROOT);
    String owner = owners.get(key);
    Long earlier = seen.putIfAbsent(key, row.line());
    if (owner != null) {
      errors.add(error(row, "email", Texts.both("people.emailTaken", owner)));
    } else if (earlier != null) {
      errors.add(error(row, "email", Texts.both("people.file.emailTwice", email, String.valueOf(earlier))));
    }
  }

  /** The groups of the programme among a person's: role groups and communes' leaders groups. */
  private static Set<String> programmeGroups(List<String> groups) {
    return groups.stream().filter(g -> PersonRole.ofGroup(g).isPresent() || IdentityGroups.isCommuneLeadersGroup(g))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Role groups in the roles' order, then the communes' groups by code: {@code communeLeaders commune05740}. */
  private static List<String> ordered(Set<String> groups) {
    return groups.stream().sorted(Comparator.comparing((String g) -> PersonRole.ofGroup(g).map(Enum::ordinal)
        .orElse(Integer.MAX_VALUE)).thenComparing(g -> g)).toList();
  }

  private static String orEmpty(String text) {
    return Objects.requireNonNullElse(text, "");
  }

  private static FieldError error(Row row, String column, String message) {
    return new FieldError(FILE + ":" + row.line() + ":" + column, message);
  }
}
