package org.pcm2.grants.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CommandArguments;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.forms.FieldRule;
import org.pcm2.grants.forms.StepForms;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The engine's own door keeper: every command that a caller sends to the engine, through
 * the Java API, {@code engine-rest} or the webapps' engine API alike, passes here first
 * (a command interceptor; commands that the engine runs inside another command do not).
 *
 * <ul>
 * <li>No expression in a task query that a caller sends: not in the query, not in its
 *     {@code orQueries}, not in the query a filter is extended with at list or count time,
 *     not in a filter a person saves (400). The application's own shared filters, saved at
 *     start-up by nobody, keep theirs ({@code ${currentUser()}}).</li>
 * <li>For a signed-in person who is not an administrator: no start at another activity
 *     (start instructions), no process instance modification, restart or migration, and no
 *     write of a task's, execution's or process instance's variables (403).</li>
 * <li>A step takes exactly the fields of its form: the read-only fields that the Tasklist
 *     sends back are left out, any other field is refused with 400 naming it, and so is a
 *     value or a missing field that the form's own rules refuse ({@link FieldRule}).</li>
 * </ul>
 */
@Component
class EngineCommandGuard extends AbstractProcessEnginePlugin {

  /** The command a caller sent, as opposed to the commands the engine runs inside it. */
  private static final ThreadLocal<Command<?>> OUTERMOST = new ThreadLocal<>();

  private final StepForms forms = StepForms.deployed();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new MarkOutermost());
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Check());
  }

  /** Runs before the engine opens its command context: a command without one came from a caller. */
  private static final class MarkOutermost extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() != null) {
        return next.execute(command);
      }
      Command<?> previous = OUTERMOST.get();
      OUTERMOST.set(command);
      try {
        return next.execute(command);
      } finally {
        if (previous == null) {
          OUTERMOST.remove();
          StepFieldErrors.clear();
        } else {
          OUTERMOST.set(previous);
        }
      }
    }
  }

  /** Runs inside the command context, so that the task a completion is for can be read. */
  private final class Check extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command == OUTERMOST.get()) {
        inspect(command);
      }
      return next.execute(command);
    }
  }

  private void inspect(Command<?> command) {
    if (command instanceof TaskQueryImpl query) {
      refuseExpressions(query);
    } else if (command instanceof AbstractExecuteFilterCmd filterCommand) {
      refuseExpressions(CommandArguments.extendingQuery(filterCommand));
    }
    Authentication person = Context.getProcessEngineConfiguration().getIdentityService().getCurrentAuthentication();
    if (person == null || person.getUserId() == null) {
      return; // the application itself: its jobs, its start-up, its own reads
    }
    if (command instanceof SaveFilterCmd save) {
      Filter filter = CommandArguments.filter(save);
      refuseExpressions(filter == null ? null : filter.getQuery());
    }
    String taskId = CommandArguments.taskId(command);
    if (taskId != null) {
      narrowToStepFields(command, taskId);
    }
    if (isAdministrator(person)) {
      return;
    }
    if (command instanceof StartProcessInstanceAtActivitiesCmd) {
      throw forbidden("access.startInMiddle");
    }
    if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd
        || command instanceof AbstractModificationCmd || command instanceof AbstractRestartProcessInstanceCmd
        || command instanceof MigrateProcessInstanceCmd || command instanceof MigrateProcessInstanceBatchCmd) {
      throw forbidden("access.modifyInstance");
    }
    if (command instanceof AbstractVariableCmd || command instanceof SetVariablesToProcessInstancesBatchCmd) {
      throw forbidden("access.writeVariables");
    }
    if (command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
      throw forbidden("access.raiseFromTask");
    }
  }

  /**
   * Leaves out the read-only fields of the step's form; refuses every field that is not on it,
   * every value its form's rules refuse and every required field left out (but those the
   * sub-project holds from its start form), each named.
   */
  private void narrowToStepFields(Command<?> command, String taskId) {
    Map<String, Object> sent = CommandArguments.completionVariables(command);
    TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
    if (task == null || task.getProcessDefinitionId() == null) {
      return; // the command answers for a task that is not there
    }
    UserTask userTask = task.getBpmnModelElementInstance();
    String formId = userTask == null ? null : userTask.getCamundaFormRef();
    StepForms.Fields fields = forms.of(formId).orElse(new StepForms.Fields(Set.of(), Set.of()));
    Map<String, Object> kept = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    List<FieldError> refusedByForm = new ArrayList<>();
    sent.forEach((name, value) -> {
      FieldRule rule = fields.rules().get(name);
      if (rule != null) {
        // a typed value stays typed (a date stays a date, whatever its serialization)
        kept.put(name, sent instanceof VariableMap typed ? typed.getValueTyped(name) : value);
        String problem = rule.problem(value);
        if (problem != null) {
          refusedByForm.add(new FieldError(name, problem));
        }
      } else if (!fields.readOnly().contains(name)) {
        errors.add(new FieldError(name, Texts.both("check.notOfStep")));
      }
    });
    forms.step(task.getTaskDefinitionKey()).map(forms::requiredAt).orElse(Set.of()).stream()
        .filter(name -> FieldRule.empty(sent.get(name)))
        .forEach(name -> refusedByForm.add(new FieldError(name, Texts.both("check.required"))));
    if (!errors.isEmpty()) {
      errors.addAll(refusedByForm);
      throw new InvalidInputException(errors);
    }
    if (!refusedByForm.isEmpty()) {
      StepFieldErrors.hold(taskId, refusedByForm); // raised once the task-work guard has let the caller in
    }
    if (kept.size() < sent.size()) {
      CommandArguments.narrowCompletionVariables(command, kept);
    }
  }

  static void refuseExpressions(Query<?, ?> query) {
    if (!(query instanceof TaskQueryImpl taskQuery)) {
      return;
    }
    List<String> fields = new ArrayList<>();
    for (TaskQueryImpl part : taskQuery.getQueries()) {
      fields.addAll(part.getExpressions().keySet());
    }
    if (!fields.isEmpty()) {
      throw new BadUserRequestException(Texts.both("access.noExpressions", String.join(", ", fields)));
    }
  }

  private static boolean isAdministrator(Authentication person) {
    List<String> groups = person.getGroupIds();
    if (groups == null || groups.isEmpty()) {
      groups = Context.getCommandContext().runWithoutAuthorization(() ->
          Actors.groupsOf(Context.getProcessEngineConfiguration().getIdentityService(), person.getUserId()));
    }
    return groups.contains(IdentityGroups.ADMINISTRATORS);
  }

  private static AuthorizationException forbidden(String what) {
    return new AuthorizationException(Texts.both("access.notAllowed", Texts.text(what)));
  }
}
