package org.pcm2.grants.people;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryChanges;
import org.pcm2.grants.directory.DirectoryChanges.Subject;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.system.ConflictException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person leaves the programme: they can no longer sign in (their password becomes one
 * nobody knows), they belong to no group (so they see no task and no sub-project), and every
 * step they had claimed goes back to its group, open to their colleagues at once. Their
 * account stays, so the history and the decision log still name them. A facilitator who
 * still serves groups is refused until the groups are handed over, so no sub-project is left
 * without its facilitator; so is the last administrator.
 */
@Service
public class PersonDeactivation {

  /** What the deactivation did: the groups left and the steps given back. */
  public record Deactivated(String userId, List<String> groupsLeft, int stepsReturned) {
  }

  private final IdentityService identity;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final DirectoryService directory;
  private final DirectoryChanges changes;
  private final PasswordPolicies policies;

  PersonDeactivation(IdentityService identity, TaskService tasks, AuthorizationService authorizations,
      DirectoryService directory, DirectoryChanges changes, PasswordPolicies policies) {
    this.identity = identity;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.directory = directory;
    this.changes = changes;
    this.policies = policies;
  }

  @Transactional
  public Deactivated deactivate(String userId, String actor) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      throw new NotFoundException(Texts.both("people.noPerson", userId));
    }
    if (userId.equals(actor)) {
      throw new ConflictException(Texts.both("people.notYourself"));
    }
    List<String> served = directory.allGroups().stream().filter(g -> userId.equals(g.facilitatorId()))
        .map(CommunityGroup::code).toList();
    if (!served.isEmpty()) {
      throw new ConflictException(Texts.both("people.stillServes", userId, String.join(", ", served)));
    }
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    if (groups.contains(IdentityGroups.ADMINISTRATORS)
        && identity.createUserQuery().memberOfGroup(IdentityGroups.ADMINISTRATORS).count() <= 1) {
      throw new ConflictException(Texts.both("people.lastAdministrator"));
    }
    // the steps they had claimed, of any group, go back to it (leaving a commune's group does
    // this for the commune's steps too, inside the engine: LeaderChanges)
    int returned = ClaimedSteps.giveBack(tasks, authorizations, userId, null);
    for (String group : groups) {
      identity.deleteMembership(userId, group);
    }
    // a password nobody knows, which the password policy (prod) takes whatever the person's id
    user.setPassword(UnusablePassword.generate(policies.accepts(user)));
    identity.saveUser(user);
    changes.record(actor, Subject.PERSON, userId, "active", "true", "false", String.join(" ", groups));
    return new Deactivated(userId, groups, returned);
  }
}
