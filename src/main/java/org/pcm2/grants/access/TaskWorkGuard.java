package org.pcm2.grants.access;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.system.Refusals;
import org.pcm2.grants.system.Unchecked;
import org.springframework.stereotype.Component;

/**
 * Only the task's own people complete it: a member of one of its candidate groups (or a
 * candidate user), or, for a task without candidates, its assignee. A facilitator who
 * knows the id of an approval task, or an administrator, is refused (403) whatever else
 * they may do; steps run by the engine itself (no signed-in person) are not concerned.
 * A DWC team's group counts only for its people who also hold the team's role (in the role's
 * group): someone put in a team group by mistake, or who changed role and kept the team's
 * membership, cannot work its steps.
 * Then the separation of duties ({@link SeparationOfDuties}): some steps are never the
 * person's who did an earlier one. Last, what the step's form refuses in the completion
 * ({@link StepFieldErrors}, found by the engine's command guard).
 *
 * <p>A step is claimed or assigned, through any door, only for a person who may complete it
 * by the same rules (403 otherwise): a step held by someone who can never finish it would
 * wait, showing their name to the colleagues who could. A step its model gives to one person
 * and no group is not assigned or unassigned by anyone signed in at all.
 */
@Component
public class TaskWorkGuard implements TaskListener {

  private final SeparationOfDuties duties;

  public TaskWorkGuard(SeparationOfDuties duties) {
    this.duties = duties;
  }

  @Override
  public void notify(DelegateTask task) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return;
    }
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      if (createdInThisCommand(task)) {
        return; // assigned by its model as it is created
      }
      if (personalByItsModel(task)) {
        // one person's own step (a facilitator's report): it moves only with a handover of the
        // group or the commitment, which the application makes itself, never by a person's hand
        throw Refusals.forbidden(Texts.both("access.notAllowed", Texts.text("access.personalStep")));
      }
      String assignee = task.getAssignee();
      if (assignee == null) {
        return; // given back to its groups
      }
      if (!mayWork(task, assignee, assignee.equals(authentication.getUserId())
          ? groupsOf(identity, authentication) : Unchecked.read(identity, () -> Actors.groupsOf(identity, assignee)))) {
        throw Refusals.forbidden(Texts.both("access.notAllowed", Texts.text("access.notTheStepsPerson")));
      }
      duties.check(task, assignee);
      return;
    }
    String user = authentication.getUserId();
    if (!mayWork(task, user, groupsOf(identity, authentication))) {
      throw Refusals.forbidden(Texts.both("system.notYourStep"));
    }
    duties.check(task, user);
    StepFieldErrors.raise(task.getId());
  }

  /** Whether the person (of these groups) is one of the step's own people. */
  private static boolean mayWork(DelegateTask task, String user, List<String> groupsOfUser) {
    Set<String> candidateGroups = new HashSet<>();
    Set<String> candidateUsers = new HashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() != null) {
        candidateGroups.add(link.getGroupId());
      }
      if (link.getUserId() != null) {
        candidateUsers.add(link.getUserId());
      }
    }
    if (candidateGroups.isEmpty() && candidateUsers.isEmpty()) {
      return user.equals(task.getAssignee());
    }
    Set<String> groups = new HashSet<>(groupsOfUser);
    return candidateUsers.contains(user) || candidateGroups.stream().anyMatch(group -> groups.contains(group)
        && IdentityGroups.roleOfTeamGroup(group).map(groups::contains).orElse(true));
  }

  /**
   * Whether the model gives the step to one person and to no group (a facilitator's report): read
   * from the model, not from the step's links, which a completion racing this request may have
   * removed already.
   */
  private static boolean personalByItsModel(DelegateTask task) {
    TaskDefinition definition = task instanceof TaskEntity entity ? entity.getTaskDefinition() : null;
    return definition != null && definition.getCandidateGroupIdExpressions().isEmpty()
        && definition.getCandidateUserIdExpressions().isEmpty();
  }

  private static boolean createdInThisCommand(DelegateTask task) {
    CommandContext context = Context.getCommandContext();
    return context != null && task instanceof TaskEntity entity
        && context.getDbEntityManager().getDbEntityCache().isTransient(entity);
  }

  private static List<String> groupsOf(IdentityService identity, Authentication authentication) {
    if (authentication.getGroupIds() != null && !authentication.getGroupIds().isEmpty()) {
      return authentication.getGroupIds();
    }
    // a caller that named only the user: their memberships, whatever they may read themselves
    return Unchecked.read(identity, () -> Actors.groupsOf(identity, authentication.getUserId()));
  }
}
