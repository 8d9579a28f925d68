package org.pcm2.grants.notification;

/** Why someone is told something, and who: the audience of each kind of notification. */
public enum NotificationKind {
  REVIEW_REMINDER(Audience.COMMUNE_LEADERS),
  REVIEW_ESCALATION(Audience.DWC_OFFICERS_COPY_LEADERS),
  PROPOSAL_INELIGIBLE(Audience.FACILITATOR),
  PROPOSAL_ENDORSED(Audience.FACILITATOR),
  PROPOSAL_REJECTED(Audience.FACILITATOR_AND_LEADERS),
  PROPOSAL_WITHDRAWN(Audience.FACILITATOR_AND_LEADERS),
  GRANT_APPROVED(Audience.FACILITATOR_AND_LEADERS),
  DISBURSEMENT_RECORDED(Audience.FACILITATOR),
  COMPLETION_REMINDER(Audience.FACILITATOR),
  COMPLETION_OVERDUE(Audience.FACILITATOR_COPY_DWC),
  EVALUATION_REMINDER(Audience.COMMUNE_LEADERS),
  EVALUATION_ESCALATION(Audience.DWC_OFFICERS_COPY_LEADERS),
  SUBPROJECT_CLOSED(Audience.FACILITATOR_AND_LEADERS),
  SUBPROJECT_CANCELLED(Audience.FACILITATOR_AND_LEADERS),
  AWARD_ROUND_EMPTY(Audience.DWC_OFFICERS),
  AWARD_GRANTED(Audience.FACILITATOR_AND_LEADERS),
  AWARD_PAID(Audience.FACILITATOR_AND_LEADERS),
  AWARD_ROUND_CLOSED(Audience.DWC_OFFICERS),
  FEEDBACK_REMINDER(Audience.AS_REQUESTED),
  FEEDBACK_ESCALATED(Audience.AS_REQUESTED),
  COMMITMENT_REMINDER(Audience.AS_REQUESTED),
  COMMITMENT_OVERDUE(Audience.AS_REQUESTED);

  /** Who receives a kind of notification. */
  public enum Audience {
    FACILITATOR, COMMUNE_LEADERS, FACILITATOR_AND_LEADERS, FACILITATOR_COPY_DWC, DWC_OFFICERS_COPY_LEADERS,
    DWC_OFFICERS,
    /** The request names its people itself (community feedback: the groups handling it). */
    AS_REQUESTED
  }

  private final Audience audience;

  NotificationKind(Audience audience) {
    this.audience = audience;
  }

  public Audience audience() {
    return audience;
  }

  /** Whether the notification is about an award round as a whole rather than one sub-project. */
  public boolean aboutRound() {
    return this == AWARD_ROUND_EMPTY || this == AWARD_ROUND_CLOSED;
  }

  /** What else than a sub-project the notification is about, as the mails label it; null for a sub-project. */
  public String about() {
    return switch (this) {
      case FEEDBACK_REMINDER, FEEDBACK_ESCALATED -> "feedback";
      case COMMITMENT_REMINDER, COMMITMENT_OVERDUE -> "commitment";
      default -> null;
    };
  }
}
