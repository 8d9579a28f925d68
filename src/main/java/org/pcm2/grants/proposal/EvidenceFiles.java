package org.pcm2.grants.proposal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.pcm2.grants.grantcycle.GrantCycleParseListener;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/**
 * The files a step brings as its evidence: a form's field {@code minutesFiles},
 * {@code photoFiles}, {@code receiptFiles} or {@code reportFiles} names them by their ids
 * ("12, 13"), the Tasklist's file chooser filling it in as each file is uploaded. Each id must
 * be a file of this sub-project, or one its sender holds (uploaded before the proposal had a
 * code), and of the field's kind; held files become the sub-project's. A completion report
 * without a photo is refused. Checked when the step completes, after the task-work guard
 * (the model's own listener, not a built-in one), whatever door the completion came through;
 * the start form's minutes are taken when the proposal is registered
 * ({@link RegisterProposalDelegate}). Anything wrong: 400 naming the field, nothing kept.
 */
@Component
public class EvidenceFiles extends AbstractProcessEnginePlugin implements TaskListener {

  /** Each field of evidence and the kind of file it takes. */
  public static final Map<String, String> KIND_OF_FIELD = Map.of(
      "minutesFiles", "MINUTES", "photoFiles", "PHOTO", "receiptFiles", "RECEIPT", "reportFiles", "REPORT");

  private final Attachments attachments;

  public EvidenceFiles(Attachments attachments) {
    this.attachments = attachments;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    GrantCycleParseListener.register(configuration, new GrantCycleParseListener() {
      @Override
      public void parseUserTask(org.camunda.bpm.engine.impl.util.xml.Element element, ScopeImpl scope,
          ActivityImpl activity) {
        if (inGrantCycle(activity)) {
          ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
              .addTaskListener(TaskListener.EVENTNAME_COMPLETE, EvidenceFiles.this);
        }
      }
    });
  }

  @Override
  public void notify(DelegateTask task) {
    String code = task.getExecution().getProcessBusinessKey();
    if (code == null) {
      return;
    }
    Authentication person = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String holder = person != null && person.getUserId() != null ? person.getUserId()
        : task.getVariable(Var.FACILITATOR_ID) instanceof String facilitator ? facilitator : null;
    for (String field : KIND_OF_FIELD.keySet()) {
      Object value = task.getVariable(field);
      if (value != null) {
        take(field, value, code, holder, task.getTaskDefinitionKey());
      }
    }
    if (Element.SUBMIT_COMPLETION_REPORT.equals(task.getTaskDefinitionKey())) {
      // a photo of the finished works: named with this report and not one a progress report
      // brought first (a report sent back at closure may keep the photo it was sent with)
      Object named = task.getVariable("photoFiles");
      boolean ownPhoto = named != null && attachments.find(ids("photoFiles", named)).stream()
          .anyMatch(file -> "PHOTO".equals(file.kind()) && code.equals(file.subprojectCode())
              && Element.SUBMIT_COMPLETION_REPORT.equals(file.firstNamedIn()));
      if (!ownPhoto) {
        throw new InvalidInputException(List.of(new FieldError("photoFiles", Texts.both("evidence.photoNeeded"))));
      }
    }
  }

  /**
   * Checks the files a field names and gives the sub-project those its holder kept for it:
   * all of them or, with 400 naming the field, none. The step ({@code taskKey}, a task's
   * definition key) is remembered as the one that first named each file.
   */
  public void take(String field, Object value, String code, String holder, String taskKey) {
    String kind = KIND_OF_FIELD.get(field);
    List<Long> ids = ids(field, value);
    List<Attachments.Attachment> found = attachments.find(ids);
    List<Texts.Text> problems = new ArrayList<>();
    for (long id : ids) {
      Attachments.Attachment file = found.stream().filter(f -> f.id() == id).findFirst().orElse(null);
      boolean ours = file != null && (code.equals(file.subprojectCode())
          || file.subprojectCode() == null && file.uploadedBy().equals(holder));
      if (!ours) {
        problems.add(Texts.text("evidence.notYours", String.valueOf(id)));
      } else if (!kind.equals(file.kind())) {
        problems.add(Texts.text("evidence.wrongKind", String.valueOf(id), Texts.text("attachment.kind." + kind)));
      }
    }
    refuseIfAny(field, problems);
    List<Long> held = found.stream().filter(f -> f.subprojectCode() == null).map(Attachments.Attachment::id).toList();
    if (attachments.bind(held, code, holder) < held.size()) {
      // another step (or a retry of this one) gave a held file to its sub-project meanwhile, or
      // it was purged: the step is refused rather than named with a file it has not
      Set<Long> bound = attachments.find(held).stream().filter(f -> code.equals(f.subprojectCode()))
          .map(Attachments.Attachment::id).collect(Collectors.toSet());
      refuseIfAny(field, held.stream().filter(id -> !bound.contains(id))
          .map(id -> Texts.text("evidence.notYours", String.valueOf(id))).toList());
    }
    attachments.firstNamedIn(ids, taskKey);
  }

  /** 400 naming the field with every problem, the Vietnamese of all of them first. */
  private static void refuseIfAny(String field, List<Texts.Text> problems) {
    if (problems.isEmpty()) {
      return;
    }
    String vietnamese = problems.stream().map(p -> Texts.vietnamese(p.key(), p.arguments()))
        .collect(Collectors.joining("; "));
    String english = problems.stream().map(p -> Texts.english(p.key(), p.arguments()))
        .collect(Collectors.joining("; "));
    throw new InvalidInputException(List.of(new FieldError(field, vietnamese + " / " + english)));
  }

  /** The ids a field names: "12, 13", a list or a single number; anything else is refused. */
  static List<Long> ids(String field, Object value) {
    Set<Long> ids = new LinkedHashSet<>();
    List<?> parts = value instanceof List<?> list ? list
        : value instanceof Number number ? List.of(number)
        : List.of(String.valueOf(value).split("[,;\\s]+"));
    for (Object part : parts) {
      String text = String.valueOf(part).trim();
      if (text.isEmpty()) {
        continue;
      }
      if (!text.matches("\\d{1,18}")) {
        throw new InvalidInputException(List.of(new FieldError(field, Texts.both("evidence.ids"))));
      }
      ids.add(Long.parseLong(text));
    }
    if (ids.size() > 50) {
      throw new InvalidInputException(List.of(new FieldError(field, Texts.both("evidence.tooMany"))));
    }
    return List.copyOf(ids);
  }
}
