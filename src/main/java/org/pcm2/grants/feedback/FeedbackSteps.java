package org.pcm2.grants.feedback;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pcm2.grants.feedback.FeedbackProcess.Var;
import org.pcm2.grants.notification.MailComposer;
import org.pcm2.grants.notification.MailOutbox;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.notification.NotificationPort;
import org.pcm2.grants.notification.NotificationRequest;
import org.pcm2.grants.notification.Recipient;
import org.springframework.stereotype.Component;

/**
 * The service steps of the feedback process ({@code ${feedbackSteps.…(execution)}}): who
 * handles it, the reminder, the escalation, and the answer recorded and mailed to the sender.
 */
@Component("feedbackSteps")
public class FeedbackSteps {

  static final String COMMUNE = "COMMUNE";
  static final String DWC = "DWC";
  /** What mails call a piece of feedback (the {@code label.feedback} text). */
  static final String MAIL_ABOUT = "feedback";

  private final FeedbackRepository feedback;
  private final NotificationPort notifications;
  private final MailComposer composer;
  private final MailOutbox outbox;
  private final FeedbackHandlers handlers;

  public FeedbackSteps(FeedbackRepository feedback, NotificationPort notifications, MailComposer composer,
      MailOutbox outbox, FeedbackHandlers handlers) {
    this.handlers = handlers;
    this.feedback = feedback;
    this.notifications = notifications;
    this.composer = composer;
    this.outbox = outbox;
  }

  /** Who handles it, and who it goes up to when overdue ({@link FeedbackHandlers}). */
  public void assign(DelegateExecution execution) {
    String handler = DWC.equals(text(execution, Var.HANDLER)) ? DWC : COMMUNE;
    execution.setVariable(Var.HANDLER_GROUP, handlers.handlerGroup(handler, text(execution, Var.COMMUNE_CODE)));
    execution.setVariable(Var.ESCALATION_GROUP, FeedbackHandlers.escalationGroup(handler));
    feedback.routed(execution.getProcessBusinessKey(), handler);
  }

  public void remind(DelegateExecution execution) {
    notify(execution, NotificationKind.FEEDBACK_REMINDER, List.of(text(execution, Var.HANDLER_GROUP)));
  }

  public void escalate(DelegateExecution execution) {
    feedback.escalated(execution.getProcessBusinessKey(), now());
    notify(execution, NotificationKind.FEEDBACK_ESCALATED,
        List.of(text(execution, Var.ESCALATION_GROUP), text(execution, Var.HANDLER_GROUP)));
  }

  /** Records the answer and who gave it; mails it to the sender's address, if they gave one. */
  public void resolve(DelegateExecution execution) {
    String reference = execution.getProcessBusinessKey();
    String reply = text(execution, Var.REPLY);
    Authentication person = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    feedback.resolved(reference, reply, person == null ? null : person.getUserId(), now());
    feedback.contact(reference).ifPresent(contact -> {
      Recipient to = new Recipient("feedback:" + reference, contact.name() == null ? "Quý vị" : contact.name(),
          contact.email(), "vi");
      Map<String, String> fields = new HashMap<>();
      fields.put("code", reference);
      fields.put("title", text(execution, Var.CATEGORY_LABEL));
      fields.put("about", MAIL_ABOUT);
      fields.put("commune", text(execution, Var.COMMUNE_NAME));
      fields.put("note", reply);
      String kind = "FEEDBACK_REPLY";
      outbox.add("feedback-reply:" + reference, kind, null, to, composer.compose(kind, to, fields));
    });
  }

  private void notify(DelegateExecution execution, NotificationKind kind, List<String> groups) {
    notifications.request(new NotificationRequest(kind, execution.getProcessBusinessKey(),
        execution.getProcessInstanceId(), text(execution, Var.TITLE), text(execution, Var.COMMUNE_NAME), null,
        List.of(), groups));
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
