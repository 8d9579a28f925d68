package org.pcm2.grants.feedback;

/** The community feedback process's vocabulary: its key, variables and elements. */
public final class FeedbackProcess {

  public static final String KEY = "communityFeedback";

  private FeedbackProcess() {
  }

  /** The process variables. No contact data among them: that stays in the feedback table. */
  public static final class Var {
    public static final String REFERENCE = "feedbackReference";
    public static final String CATEGORY = "feedbackCategory";
    public static final String CATEGORY_LABEL = "feedbackCategoryLabel";
    public static final String ABOUT_LEADERS = "feedbackAboutLeaders";
    public static final String TEXT = "feedbackText";
    public static final String COMMUNE_CODE = "communeCode";
    public static final String COMMUNE_NAME = "communeName";
    public static final String SUBPROJECT_CODE = "feedbackSubprojectCode";
    /** What the task mails call the instance, and the title they show. */
    public static final String MAIL_ABOUT = "mailAbout";
    public static final String TITLE = "title";
    public static final String HANDLER = "feedbackHandler";
    public static final String HANDLER_GROUP = "feedbackHandlerGroup";
    public static final String ESCALATION_GROUP = "feedbackEscalationGroup";
    public static final String REPLY = "feedbackReply";

    private Var() {
    }
  }

  /** The ids of its elements that code refers to. */
  public static final class Element {
    public static final String HANDLE = "UserTask_HandleFeedback";
    public static final String HANDLE_ESCALATED = "UserTask_HandleEscalatedFeedback";

    private Element() {
    }
  }
}
