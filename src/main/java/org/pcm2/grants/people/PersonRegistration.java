package org.pcm2.grants.people;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.directory.DirectoryChanges;
import org.pcm2.grants.directory.DirectoryChanges.Subject;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.directory.RoleGroups;
import org.pcm2.grants.system.ConflictException;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A DWC administrator adds a person: in one transaction the Camunda user (with a password
 * nobody knows), their role group and, for a commune leader, their commune's group, a line in
 * the directory's change log, and the invitation mail in the outbox with a one-time link to
 * choose their own password. A refusal leaves nothing behind. A fresh invitation replaces the
 * person's older links.
 */
@Service
public class PersonRegistration {

  /** What the administrator sends; the role as {@link PersonRole} names it, the commune for a leader. */
  public record NewPerson(String id, String firstName, String lastName, String email, String role, String commune) {
  }

  /** A fresh invitation: to whom, where, until when. */
  public record Invitation(String userId, String email, Instant expiresAt) {
  }

  /** Camunda's longest user id; our ids are letters and digits only (its whitelist). */
  static final int MAX_ID = 64;
  static final int MAX_NAME = 255;
  static final int MAX_EMAIL = 254;
  static final Pattern ID = Pattern.compile("[a-zA-Z0-9]+");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

  private final IdentityService identity;
  private final DirectoryService directory;
  private final RoleGroups roleGroups;
  private final DirectoryChanges changes;
  private final PeopleQueries people;
  private final PasswordLinks links;
  private final PasswordPolicies policies;
  private final AccountMails mails;

  PersonRegistration(IdentityService identity, DirectoryService directory, RoleGroups roleGroups,
      DirectoryChanges changes, PeopleQueries people, PasswordLinks links, PasswordPolicies policies,
      AccountMails mails) {
    this.identity = identity;
    this.directory = directory;
    this.roleGroups = roleGroups;
    this.changes = changes;
    this.people = people;
    this.links = links;
    this.policies = policies;
    this.mails = mails;
  }

  @Transactional
  public PeopleQueries.Person register(NewPerson request, String actor) {
    List<FieldError> errors = new ArrayList<>();
    String id = text(request.id(), "id", MAX_ID, errors);
    if (id != null && !ID.matcher(id).matches()) {
      errors.add(new FieldError("id", Texts.both("people.idForm", MAX_ID)));
    }
    String firstName = text(request.firstName(), "firstName", MAX_NAME, errors);
    String lastName = text(request.lastName(), "lastName", MAX_NAME, errors);
    String email = text(request.email(), "email", MAX_EMAIL, errors);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError("email", Texts.both("people.emailForm")));
    }
    PersonRole role = null;
    if (request.role() == null || request.role().isBlank()) {
      errors.add(FieldChecks.required("role"));
    } else {
      role = PersonRole.named(request.role().trim()).filter(PersonRole.GIVEN::contains).orElse(null);
      if (role == null) {
        errors.add(new FieldError("role", Texts.both("check.oneOf", String.join(", ",
            PersonRole.GIVEN.stream().map(Enum::name).toList()))));
      }
    }
    Place commune = commune(request.commune(), role, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (identity.createUserQuery().userId(id).count() > 0) {
      throw new ConflictException(Texts.both("people.idTaken", id));
    }
    // one address, one person: a forgotten-password request by address finds whom it is for
    people.withAddress(email).ifPresent(owner -> {
      throw new InvalidInputException(List.of(new FieldError("email", Texts.both("people.emailTaken", owner))));
    });
    List<String> groups = new ArrayList<>(List.of(role.group()));
    if (commune != null) {
      roleGroups.saveCommuneLeaders(commune);
      groups.add(IdentityGroups.communeLeaders(commune.code()));
    }
    createInvited(id, firstName, lastName, email, groups, actor);
    return people.find(id).orElseThrow();
  }

  /**
   * The account of a person whose fields and groups are checked already: a password nobody
   * knows, the groups (which exist), the change log's line, the invitation in the outbox.
   */
  void createInvited(String id, String firstName, String lastName, String email, List<String> groups,
      String actor) {
    User user = identity.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(email);
    user.setPassword(UnusablePassword.generate(policies.accepts(user)));
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    changes.record(actor, Subject.PERSON, id, "active", null, "true", String.join(" ", groups));
    invite(user);
  }

  /** A fresh invitation link for the person, by mail; their older links stop working. */
  @Transactional
  public Invitation reinvite(String userId, String actor) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      throw new NotFoundException(Texts.both("people.noPerson", userId));
    }
    if (people.find(userId).map(person -> !person.active()).orElse(true)) {
      throw new ConflictException(Texts.both("people.inactive", userId));
    }
    if (user.getEmail() == null || !user.getEmail().contains("@")) {
      throw new ConflictException(Texts.both("people.noEmail", userId));
    }
    PasswordLinks.Issued link = invite(user);
    changes.record(actor, Subject.PERSON, userId, "invitation", null, "sent", null);
    return new Invitation(userId, user.getEmail(), link.expiresAt());
  }

  private PasswordLinks.Issued invite(User user) {
    PasswordLinks.Issued link = links.issue(user.getId(), PasswordLinks.Purpose.INVITATION);
    mails.send(user, link);
    return link;
  }

  /** The commune of a leader: required for one, refused for anyone else, a COMMUNE of the directory. */
  private Place commune(String code, PersonRole role, List<FieldError> errors) {
    boolean given = code != null && !code.isBlank();
    if (role == PersonRole.COMMUNE_LEADER && !given) {
      errors.add(new FieldError("commune", Texts.both("people.communeRequired")));
      return null;
    }
    if (!given) {
      return null;
    }
    if (role != null && role != PersonRole.COMMUNE_LEADER) {
      errors.add(new FieldError("commune", Texts.both("people.communeOnlyForLeaders")));
      return null;
    }
    Place place = directory.findPlace(code.trim()).filter(p -> p.kind() == PlaceKind.COMMUNE).orElse(null);
    if (place == null) {
      errors.add(new FieldError("commune", Texts.both("people.notCommune", code.trim())));
    }
    return place;
  }

  private static String text(String value, String field, int max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(FieldChecks.required(field));
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.length() > max) {
      errors.add(new FieldError(field, Texts.both("check.longer", max)));
    }
    return trimmed;
  }
}
