package org.pcm2.grants.notification;

import java.text.SimpleDateFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.pcm2.grants.grantcycle.GrantVariables;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells people that work waits for them: the members of the candidate groups when a task
 * is created, the assignee when it is assigned (not when they claim it themselves). One
 * mail per person and task, whether it is created, assigned or both.
 */
@Component
public class TaskMailListener implements TaskListener {

  private final Recipients recipients;
  private final MailComposer composer;
  private final MailOutbox outbox;
  private final String publicUrl;

  public TaskMailListener(Recipients recipients, MailComposer composer, MailOutbox outbox,
      @Value("${pcm.public-url}") String publicUrl) {
    this.recipients = recipients;
    this.composer = composer;
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  @Override
  public void notify(DelegateTask task) {
    if (task.getExecution() == null) {
      // the task's instance is gone: another person completed it at the same moment and this
      // step is about to fail on its stale copy (a conflict), so there is nobody to tell
      return;
    }
    if (task.getAssignee() == null) {
      offeredTo(task, task.getCandidates().stream().map(IdentityLink::getGroupId).filter(g -> g != null).toList());
      return;
    }
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && current != null
        && task.getAssignee().equals(current.getUserId())) {
      return; // they claimed it themselves
    }
    send(task, "TASK_ASSIGNED", recipients.resolve(List.of(task.getAssignee()), List.of()));
  }

  /**
   * Tells the members of the groups that the open step waits for them, as when it was created:
   * when a step is offered to more people later (a DWC team left with nobody of the step's
   * role hands it to the whole role). Nobody is told twice of one step.
   */
  public void offeredTo(DelegateTask task, List<String> groups) {
    if (task == null || task.getExecution() == null) {
      return; // no step of a process (a task made by hand), or one whose instance is gone
    }
    List<Recipient> people = recipients.resolve(List.of(), groups);
    if (people.isEmpty()) {
      // nobody of the group can be reached: DWC is told instead of silence
      people = recipients.resolve(List.of(), List.of(IdentityGroups.DWC_OFFICERS));
    }
    send(task, "TASK_CREATED", people);
  }

  private void send(DelegateTask task, String kind, List<Recipient> people) {
    Map<String, Object> v = task.getVariables();
    Map<String, String> fields = new HashMap<>();
    fields.put("code", task.getExecution().getProcessBusinessKey());
    fields.put("title", String.valueOf(v.getOrDefault(Var.TITLE, "")));
    fields.put("task", task.getName());
    put(fields, "unit", v.get(Var.UNIT_NAME));
    put(fields, "commune", v.get(Var.COMMUNE_NAME));
    put(fields, "about", v.get("mailAbout")); // what else than a sub-project the instance is (community feedback)
    if (Element.REVISE_PROPOSAL.equals(task.getTaskDefinitionKey())) {
      put(fields, "note", v.get(Var.REVISION_REASONS));
    }
    Long amount = v.containsKey(Var.TRANCHE_AMOUNT) ? GrantVariables.whole(v, Var.TRANCHE_AMOUNT)
        : v.containsKey(Var.APPROVED_GRANT) ? GrantVariables.whole(v, Var.APPROVED_GRANT)
        : GrantVariables.whole(v, Var.REQUESTED_GRANT);
    if (amount != null) {
      fields.put("amount", Money.format(amount));
    }
    if (task.getDueDate() != null) {
      fields.put("due", new SimpleDateFormat("dd/MM/yyyy").format(task.getDueDate()));
    }
    fields.put("link", publicUrl + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    List<MailComposer.Mail> mails = composer.composeAll(kind, people, fields);
    for (int i = 0; i < people.size(); i++) {
      Recipient person = people.get(i);
      outbox.add("task:" + task.getId() + ":" + person.userId(), kind, fields.get("code"), person, mails.get(i));
    }
  }

  private static void put(Map<String, String> fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value.toString());
    }
  }
}
