package org.pcm2.grants.access;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupLocation;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Who a new task of the grant cycle is for, from the directory as it is when the task is
 * created: a commune's step goes to the leaders of the commune of the sub-project's group,
 * a facilitator's step to the group's current facilitator. The model names them through
 * variables ({@code ${communeLeadersGroup}}, {@code ${facilitatorId}}); this built-in
 * listener, which runs first, makes the directory the last word, so a facilitator who
 * took the group over gets its next steps and nothing a start or a step sent can route a
 * task elsewhere.
 */
@Component
public class TaskPeople implements TaskListener {

  private static final String LEADERS_EXPRESSION = "${" + Var.COMMUNE_LEADERS_GROUP + "}";
  private static final String FACILITATOR_EXPRESSION = "${" + Var.FACILITATOR_ID + "}";

  private final DirectoryService directory;

  public TaskPeople(DirectoryService directory) {
    this.directory = directory;
  }

  @Override
  public void notify(DelegateTask task) {
    UserTask model = (UserTask) task.getBpmnModelElementInstance();
    boolean communeStep = LEADERS_EXPRESSION.equals(model.getCamundaCandidateGroups());
    boolean facilitatorStep = FACILITATOR_EXPRESSION.equals(model.getCamundaAssignee());
    if (!communeStep && !facilitatorStep) {
      return;
    }
    GroupLocation location = directory.locate((String) task.getVariable(Var.GROUP_CODE));
    if (communeStep) {
      String leaders = IdentityGroups.communeLeaders(location.commune().code());
      Set<String> candidates = task.getCandidates().stream()
          .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
          .map(IdentityLink::getGroupId).collect(Collectors.toSet());
      candidates.stream().filter(group -> !group.equals(leaders)).forEach(task::deleteCandidateGroup);
      if (!candidates.contains(leaders)) {
        task.addCandidateGroup(leaders);
      }
    }
    if (facilitatorStep && !location.group().facilitatorId().equals(task.getAssignee())) {
      task.setAssignee(location.group().facilitatorId());
    }
  }
}
