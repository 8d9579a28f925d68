package org.pcm2.grants.system;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Due dates and timer durations of the human tasks, configurable under
 * {@code pcm.deadlines} and read by the models as {@code ${deadlines.due('review')}},
 * {@code ${deadlines.reminder('review')}} and so on. Durations are ISO-8601 ({@code P7D}).
 */
@Component("deadlines")
@ConfigurationProperties("pcm.deadlines")
public class Deadlines {

  /** Time to complete each step; the task's due date. */
  private Map<String, Duration> due = new HashMap<>(Map.of(
      "review", Duration.ofDays(14), "appraisal", Duration.ofDays(14), "directorApproval", Duration.ofDays(7),
      "revision", Duration.ofDays(30), "progressReport", Duration.ofDays(14), "progressAcceptance", Duration.ofDays(7),
      "disbursement", Duration.ofDays(7), "receipt", Duration.ofDays(7), "evaluation", Duration.ofDays(14),
      "closure", Duration.ofDays(14)));
  /** First reminder while a task waits. */
  private Map<String, Duration> reminder = new HashMap<>(Map.of(
      "review", Duration.ofDays(7), "evaluation", Duration.ofDays(7)));
  /** Escalation to DWC after a longer wait. */
  private Map<String, Duration> escalation = new HashMap<>(Map.of(
      "review", Duration.ofDays(14), "evaluation", Duration.ofDays(14)));
  {
    // community feedback: answered within 15 days, reminded after 10, taken over by the level above at 15
    due.put("feedback", Duration.ofDays(15));
    due.put("feedbackEscalated", Duration.ofDays(10));
    reminder.put("feedback", Duration.ofDays(10));
    escalation.put("feedback", Duration.ofDays(15));
  }

  /** After this the step gives up (a revision not resubmitted withdraws the proposal). */
  private Map<String, Duration> timeout = new HashMap<>(Map.of("revision", Duration.ofDays(30)));
  /** Reminder this long before the completion report is due (the planned end). */
  private Duration completionReminderBefore = Duration.ofDays(7);
  /** Overdue notice this long after the planned end. */
  private Duration completionOverdueAfter = Duration.ofDays(7);

  public Date due(String step) {
    return Date.from(new Date().toInstant().plus(lookup(due, "due", step)));
  }

  public String reminder(String step) {
    return lookup(reminder, "reminder", step).toString();
  }

  public String escalation(String step) {
    return lookup(escalation, "escalation", step).toString();
  }

  /** How long a step has: what its due date is from the moment it starts. */
  public Duration dueWithin(String step) {
    return lookup(due, "due", step);
  }

  public String timeout(String step) {
    return lookup(timeout, "timeout", step).toString();
  }

  /** The completion report is due at the end of the planned end date. */
  public Date completionDue(Object plannedEnd) {
    return endOf(LocalDate.parse(plannedEnd.toString().substring(0, 10)));
  }

  public Date completionReminder(Object plannedEnd) {
    Date at = Date.from(completionDue(plannedEnd).toInstant().minus(completionReminderBefore));
    return at.before(new Date()) ? new Date() : at;
  }

  public Date completionOverdue(Object plannedEnd) {
    return Date.from(completionDue(plannedEnd).toInstant().plus(completionOverdueAfter));
  }

  private static Date endOf(LocalDate day) {
    return Date.from(day.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant().minusSeconds(1));
  }

  private static Duration lookup(Map<String, Duration> durations, String kind, String step) {
    Duration duration = durations.get(step);
    if (duration == null) {
      throw new IllegalArgumentException("No pcm.deadlines." + kind + "." + step + " configured");
    }
    return duration;
  }

  public Map<String, Duration> getDue() {
    return due;
  }

  public void setDue(Map<String, Duration> due) {
    this.due = due;
  }

  public Map<String, Duration> getReminder() {
    return reminder;
  }

  public void setReminder(Map<String, Duration> reminder) {
    this.reminder = reminder;
  }

  public Map<String, Duration> getEscalation() {
    return escalation;
  }

  public void setEscalation(Map<String, Duration> escalation) {
    this.escalation = escalation;
  }

  public Map<String, Duration> getTimeout() {
    return timeout;
  }

  public void setTimeout(Map<String, Duration> timeout) {
    this.timeout = timeout;
  }

  public Duration getCompletionReminderBefore() {
    return completionReminderBefore;
  }

  public void setCompletionReminderBefore(Duration completionReminderBefore) {
    this.completionReminderBefore = completionReminderBefore;
  }

  public Duration getCompletionOverdueAfter() {
    return completionOverdueAfter;
  }

  public void setCompletionOverdueAfter(Duration completionOverdueAfter) {
    this.completionOverdueAfter = completionOverdueAfter;
  }
}
