package org.pcm2.grants.dialogue;

/** The dialogue commitment process's vocabulary. */
public final class DialogueProcess {

  public static final String KEY = "dialogueCommitment";

  private DialogueProcess() {
  }

  /** Its variables. */
  public static final class Var {
    public static final String COMMITMENT_ID = "commitmentId";
    public static final String OWNER = "commitmentOwner";
    public static final String DUE = "commitmentDue";
    public static final String REMINDER_AT = "commitmentReminderAt";
    public static final String TEXT = "commitmentText";
    public static final String COMMUNE_NAME = "communeName";
    public static final String MEETING_DATE = "meetingDate";
    public static final String TITLE = "title";
    public static final String MAIL_ABOUT = "mailAbout";
    public static final String OUTCOME = "commitmentOutcome";
    public static final String NOTE = "commitmentNote";

    private Var() {
    }
  }

  /** The owner's step. */
  public static final String KEEP = "UserTask_KeepCommitment";
}
