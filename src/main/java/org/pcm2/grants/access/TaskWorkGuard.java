package org.pcm2.grants.access;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.pcm2.grants.directory.IdentityGroups;
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
    String user = authentication.getUserId();
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
    boolean allowed;
    if (candidateGroups.isEmpty() && candidateUsers.isEmpty()) {
      allowed = user.equals(task.getAssignee());
    } else {
      Set<String> groups = new HashSet<>(groupsOf(identity, authentication));
      allowed = candidateUsers.contains(user) || candidateGroups.stream().anyMatch(group -> groups.contains(group)
          && IdentityGroups.roleOfTeamGroup(group).map(groups::contains).orElse(true));
    }
    if (!allowed) {
      Refusals.markForbidden();
      throw new AuthorizationException(user, "TASK_WORK", "Task", task.getId());
    }
    duties.check(task, user);
    StepFieldErrors.raise(task.getId());
  }

  private static List<String> groupsOf(IdentityService identity, Authentication authentication) {
    if (authentication.getGroupIds() != null && !authentication.getGroupIds().isEmpty()) {
      return authentication.getGroupIds();
    }
    // a caller that named only the user: their memberships, whatever they may read themselves
    return Unchecked.read(identity, () -> Actors.groupsOf(identity, authentication.getUserId()));
  }
}
