package org.pcm2.grants.feedback;

/** What a piece of feedback is; each has its label in the texts ({@code feedback.category.QUESTION}). */
public enum FeedbackCategory {
  QUESTION, SUGGESTION, COMPLAINT, MISUSE;

  public String textKey() {
    return "feedback.category." + name();
  }
}
