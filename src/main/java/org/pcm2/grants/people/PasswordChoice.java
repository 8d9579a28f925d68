package org.pcm2.grants.people;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.directory.DirectoryChanges;
import org.pcm2.grants.directory.DirectoryChanges.Subject;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person chooses their password through a one-time link: the link must still work and
 * the person still be active; the password is typed twice and, when Camunda's password policy
 * is on, must pass it (each broken rule named). In one transaction the link is used (so the
 * same link a second time, or twice at once, is refused), the person's other open links close,
 * the password is set, any sign-in waits of the person are cleared, and the change log says
 * that the person set their password — never what it is.
 */
@Service
class PasswordChoice {

  /** The longest password taken: beyond it, hashing is work done for nobody. */
  static final int MAX_PASSWORD = 256;

  /** The link cannot be used, and why (no token in the message). */
  static final class UnusableLink extends RuntimeException {

    private final PasswordLinks.State state;

    UnusableLink(PasswordLinks.State state) {
      super("Password link not usable: " + state);
      this.state = state;
    }

    PasswordLinks.State state() {
      return state;
    }
  }

  private final PasswordLinks links;
  private final IdentityService identity;
  private final PeopleQueries people;
  private final PasswordPolicies policies;
  private final DirectoryChanges changes;

  PasswordChoice(PasswordLinks links, IdentityService identity, PeopleQueries people, PasswordPolicies policies,
      DirectoryChanges changes) {
    this.links = links;
    this.identity = identity;
    this.people = people;
    this.policies = policies;
    this.changes = changes;
  }

  /** The person a working link is for; {@link UnusableLink} when it does not work. */
  String personOf(String token) {
    return usable(links.find(token)).userId();
  }

  /** Sets the password through the link; the person's user id. */
  @Transactional
  public String choose(String token, String password, String repeat) {
    PasswordLinks.Found link = usable(links.find(token));
    User user = identity.createUserQuery().userId(link.userId()).singleResult();
    List<FieldError> errors = new ArrayList<>();
    if (password == null || password.isEmpty()) {
      errors.add(FieldChecks.required("password"));
    } else if (password.length() > MAX_PASSWORD) {
      errors.add(new FieldError("password", Texts.both("check.longer", MAX_PASSWORD)));
    } else {
      for (Texts.Text rule : policies.broken(password, user)) {
        errors.add(new FieldError("password", Texts.both(rule.key(), rule.arguments())));
      }
    }
    if (password != null && !password.isEmpty() && !password.equals(repeat)) {
      errors.add(new FieldError("repeat", Texts.both("account.passwordsDiffer")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (!links.use(link)) {
      throw new UnusableLink(PasswordLinks.State.USED); // the same link, used a moment ago
    }
    user.setPassword(password);
    try {
      identity.saveUser(user);
    } catch (ProcessEngineException refused) {
      // the policy changed between the check and now: say so without the engine's text
      throw new InvalidInputException(List.of(new FieldError("password", Texts.both("account.policyRefused"))));
    }
    identity.unlockUser(user.getId());
    changes.record(user.getId(), Subject.PERSON, user.getId(), "password", null, "set", link.purpose().name());
    return user.getId();
  }

  /** The link, if it works and its person is still active; {@link UnusableLink} otherwise. */
  private PasswordLinks.Found usable(PasswordLinks.Found link) {
    if (link.state() != PasswordLinks.State.VALID) {
      throw new UnusableLink(link.state());
    }
    if (people.find(link.userId()).map(person -> !person.active()).orElse(true)) {
      throw new UnusableLink(PasswordLinks.State.INACTIVE);
    }
    return link;
  }
}
