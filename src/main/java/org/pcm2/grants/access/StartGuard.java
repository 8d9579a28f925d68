package org.pcm2.grants.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.forms.StepForms;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The first thing that runs when a grant cycle or an award round starts, whatever door the
 * start came through; a built-in listener, so a caller cannot skip it. A start carries
 * exactly the fields of its start form (and the engine's own initiator, who must be the
 * person signed in), no business key (the application gives the code), and a grant cycle
 * is started only by the facilitator of its group. Anything else is refused with 400 and
 * nothing is created.
 */
@Component
public class StartGuard implements ExecutionListener {

  private final StepForms forms = StepForms.deployed();
  private final DirectoryService directory;

  public StartGuard(DirectoryService directory) {
    this.directory = directory;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<FieldError> errors = new ArrayList<>();
    if (execution.getProcessBusinessKey() != null) {
      errors.add(new FieldError("businessKey",
          Texts.both("access.noBusinessKey")));
    }
    StartEvent start = (StartEvent) execution.getBpmnModelElementInstance();
    String initiator = start.getCamundaInitiator();
    StepForms.Fields fields = forms.of(start.getCamundaFormRef()).orElseThrow(
        () -> new IllegalStateException("No start form for " + start.getId()));
    Authentication person = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String user = person == null ? null : person.getUserId();
    for (String name : execution.getVariableNames()) {
      boolean theInitiator = name.equals(initiator) && (user == null || user.equals(execution.getVariable(name)));
      if (!fields.editable().contains(name) && !theInitiator) {
        errors.add(new FieldError(name, Texts.both("check.notOfForm")));
      }
    }
    if (user != null && SubprojectGrantProcess.KEY.equals(processKey(execution))) {
      Object groupCode = execution.getVariable(SubprojectGrantProcess.Var.GROUP_CODE);
      Optional<CommunityGroup> group = groupCode instanceof String code ? directory.findGroup(code) : Optional.empty();
      if (group.isPresent() && !user.equals(group.get().facilitatorId())) {
        errors.add(new FieldError(SubprojectGrantProcess.Var.GROUP_CODE,
            Texts.both("access.notYourGroup")));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private static String processKey(DelegateExecution execution) {
    return execution.getProcessDefinitionId().substring(0, execution.getProcessDefinitionId().indexOf(':'));
  }
}
