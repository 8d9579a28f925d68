package org.pcm2.grants.access;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Hands the open steps of one process instance from one group to another (a commune's
 * leaders to the leaders of the commune it was merged into): each open step offered to the
 * old group is offered to the new one instead; a step claimed by someone who is not in the
 * new group is given back; the old group keeps no right on the instance or any of its steps.
 */
@Component
public class GroupHandover {

  /** Steps handed over, and of those, steps given back by someone not in the new group. */
  public record Moved(int steps, int givenBack) {
  }

  private final TaskService tasks;
  private final HistoryService history;
  private final AuthorizationService authorizations;
  private final IdentityService identity;

  public GroupHandover(TaskService tasks, HistoryService history, AuthorizationService authorizations,
      IdentityService identity) {
    this.tasks = tasks;
    this.history = history;
    this.authorizations = authorizations;
    this.identity = identity;
  }

  public Moved handOver(String processInstanceId, String fromGroup, String toGroup) {
    int steps = 0;
    int givenBack = 0;
    for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
      boolean offered = tasks.getIdentityLinksForTask(task.getId()).stream()
          .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && fromGroup.equals(link.getGroupId()));
      if (!offered) {
        continue;
      }
      tasks.deleteCandidateGroup(task.getId(), fromGroup);
      tasks.addCandidateGroup(task.getId(), toGroup);
      steps++;
      String assignee = task.getAssignee();
      if (assignee != null && identity.createUserQuery().userId(assignee).memberOfGroup(toGroup).count() == 0) {
        tasks.setAssignee(task.getId(), null);
        revoke(null, assignee, task.getId());
        givenBack++;
      }
    }
    List<String> resources = new ArrayList<>(List.of(processInstanceId));
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
        .list()) {
      resources.add(task.getId());
    }
    resources.forEach(resource -> revoke(fromGroup, null, resource));
    return new Moved(steps, givenBack);
  }

  private void revoke(String group, String user, String resource) {
    var query = authorizations.createAuthorizationQuery().resourceId(resource);
    List<Authorization> found = group != null ? query.groupIdIn(group).list() : query.userIdIn(user).list();
    found.forEach(a -> authorizations.deleteAuthorization(a.getId()));
  }
}
