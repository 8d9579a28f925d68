package org.pcm2.grants.people;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.pcm2.grants.access.Grants;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryChanges;
import org.pcm2.grants.directory.DirectoryChanges.Subject;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.readmodel.SubprojectReadModel;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A group's facilitator leaves and another takes the group over: in one transaction the
 * directory names the new facilitator (so every later step and mail goes to them, see
 * {@code access/TaskPeople}), and each open sub-project of the group moves with it — its
 * {@code facilitatorId} (mails, separation of duties), the open facilitator steps, the read
 * rights on the instance and its history, the read model's row. The old facilitator keeps
 * nothing of them; the history, the decision log and the directory's change log keep who
 * did what before. Closed sub-projects stay with whoever ran them.
 */
@Service
public class FacilitatorHandover {

  /** What moved: the sub-projects (codes) and the open steps handed to the new facilitator. */
  public record Moved(String groupCode, String from, String to, List<String> subprojects, int tasks) {
  }

  private final DirectoryService directory;
  private final IdentityService identity;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final AuthorizationService authorizations;
  private final SubprojectReadModel readModel;
  private final DirectoryChanges changes;

  public FacilitatorHandover(DirectoryService directory, IdentityService identity, RuntimeService runtime,
      TaskService tasks, HistoryService history, AuthorizationService authorizations, SubprojectReadModel readModel,
      DirectoryChanges changes) {
    this.directory = directory;
    this.identity = identity;
    this.runtime = runtime;
    this.tasks = tasks;
    this.history = history;
    this.authorizations = authorizations;
    this.readModel = readModel;
    this.changes = changes;
  }

  /** Hands the group to the facilitator {@code to}; {@code actor} is the DWC administrator doing it. */
  @Transactional
  public Moved handOver(String groupCode, String to, String actor) {
    CommunityGroup group = directory.findGroup(groupCode)
        .orElseThrow(() -> new NotFoundException(Texts.both("people.noGroup", groupCode)));
    if (to == null || to.isBlank()) {
      throw new InvalidInputException(List.of(new FieldError("facilitatorId", Texts.both("check.required"))));
    }
    if (identity.createUserQuery().userId(to).memberOfGroup(IdentityGroups.FACILITATORS).count() == 0) {
      throw new InvalidInputException(List.of(new FieldError("facilitatorId", Texts.both("people.notFacilitator", to))));
    }
    String from = group.facilitatorId();
    if (to.equals(from)) {
      throw new InvalidInputException(List.of(new FieldError("facilitatorId", Texts.both("people.alreadyServes", to,
          groupCode))));
    }
    directory.saveGroup(group.withFacilitator(to));
    List<String> moved = new ArrayList<>();
    int movedTasks = 0;
    for (ProcessInstance instance : runtime.createProcessInstanceQuery()
        .processDefinitionKey(SubprojectGrantProcess.KEY).variableValueEquals(Var.GROUP_CODE, groupCode).list()) {
      String previous = (String) runtime.getVariable(instance.getId(), Var.FACILITATOR_ID);
      runtime.setVariable(instance.getId(), Var.FACILITATOR_ID, to);
      for (Task task : tasks.createTaskQuery().processInstanceId(instance.getId()).list()) {
        if (previous != null && previous.equals(task.getAssignee())) {
          tasks.setAssignee(task.getId(), to);
          movedTasks++;
        }
      }
      if (previous != null) {
        revoke(previous, instance.getId());
      }
      Grants.toUser(authorizations, to, Resources.PROCESS_INSTANCE, instance.getId(), ProcessInstancePermissions.READ);
      Grants.toUser(authorizations, to, Resources.HISTORIC_PROCESS_INSTANCE, instance.getId(),
          HistoricProcessInstancePermissions.READ);
      readModel.facilitatorChanged(instance.getId(), to);
      if (instance.getBusinessKey() != null) {
        moved.add(instance.getBusinessKey());
      }
    }
    moved.sort(null);
    changes.record(actor, Subject.GROUP, groupCode, "facilitatorId", from, to,
        moved.isEmpty() ? null : String.join(" ", moved));
    return new Moved(groupCode, from, to, moved, movedTasks);
  }

  /** Every right the person holds on the instance, its open steps and the steps it has had. */
  private void revoke(String person, String instanceId) {
    List<String> resources = new ArrayList<>();
    resources.add(instanceId);
    for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instanceId).list()) {
      resources.add(task.getId());
    }
    for (String resource : resources) {
      for (Authorization authorization : authorizations.createAuthorizationQuery().userIdIn(person)
          .resourceId(resource).list()) {
        authorizations.deleteAuthorization(authorization.getId());
      }
    }
  }
}
