package org.pcm2.grants.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.system.ConflictException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.Unchecked;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The open steps of a sub-project and their completion by the person they are for: the
 * assignee, or a member of a candidate group. Anyone else is told the task does not exist.
 */
@Service
public class SubprojectTasks {

  /** An open step as the API shows it. */
  public record OpenTask(String id, String taskKey, String name, String assignee, List<String> candidateGroups,
      java.util.Date due) {
  }

  private final TaskService tasks;
  private final IdentityService identity;

  public SubprojectTasks(TaskService tasks, IdentityService identity) {
    this.tasks = tasks;
    this.identity = identity;
  }

  public List<OpenTask> open(String code) {
    List<OpenTask> open = new ArrayList<>();
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(code).list()) {
      try {
        open.add(new OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
            candidateGroups(task), task.getDueDate()));
      } catch (NullValueException gone) {
        // completed by someone else since the query: no longer open
      }
    }
    return open;
  }

  @Transactional
  public void complete(Viewer viewer, String code, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(taskKey).singleResult();
    if (task == null) {
      throw notOpen(code, taskKey);
    }
    try {
      boolean mine = viewer.userId().equals(task.getAssignee());
      boolean myGroup = task.getAssignee() == null
          && candidateGroups(task).stream().anyMatch(viewer.groups()::contains);
      if (!mine && !myGroup) {
        if (!stillOpen(task.getId())) {
          throw notOpen(code, taskKey); // completed by someone else, who took its candidate groups with it
        }
        throw new NotFoundException(Texts.both("proposal.noTaskOfYours", taskKey, code));
      }
      Actors.authenticate(identity, viewer.userId());
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), viewer.userId());
      }
      tasks.complete(task.getId(), variables);
    } catch (NullValueException gone) {
      throw notOpen(code, taskKey); // completed by someone else between the query and now
    } catch (AuthorizationException | NullPointerException failed) {
      // the task completed by someone else while the engine worked on it: its authorizations gone
      // (AuthorizationException), or its process instance gone under a claim (the engine's own NPE)
      if (!stillOpen(task.getId())) {
        throw notOpen(code, taskKey);
      }
      throw failed;
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Whether the task is still there, whoever may see it. */
  private boolean stillOpen(String taskId) {
    return Unchecked.read(identity, () -> tasks.createTaskQuery().taskId(taskId).count() > 0);
  }

  private static ConflictException notOpen(String code, String taskKey) {
    return new ConflictException(Texts.both("proposal.stepNotOpen", taskKey, code));
  }

  private List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }
}
