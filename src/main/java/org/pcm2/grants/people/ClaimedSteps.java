package org.pcm2.grants.people;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.task.Task;

/** Steps a person had claimed from a group, given back to it when the person leaves. */
final class ClaimedSteps {

  private ClaimedSteps() {
  }

  /**
   * The person's claimed steps offered to the group (to any group, when null) become
   * unclaimed, and the rights the claim gave them on each step and its history are removed.
   * The caller reads and writes without authorization checks. Returns how many were given back.
   */
  static int giveBack(TaskService tasks, AuthorizationService authorizations, String person, String group) {
    List<Task> claimed = group == null
        ? tasks.createTaskQuery().taskAssignee(person).withCandidateGroups().includeAssignedTasks().list()
        : tasks.createTaskQuery().taskAssignee(person).taskCandidateGroup(group).includeAssignedTasks().list();
    for (Task task : claimed) {
      tasks.setAssignee(task.getId(), null);
      for (Authorization authorization : authorizations.createAuthorizationQuery().userIdIn(person)
          .resourceId(task.getId()).list()) {
        authorizations.deleteAuthorization(authorization.getId());
      }
    }
    return claimed.size();
  }
}
