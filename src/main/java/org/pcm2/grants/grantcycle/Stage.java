package org.pcm2.grants.grantcycle;

import java.util.Map;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;

/** Where a sub-project stands, as lists and reports show it (named in the texts as {@code stage.NAME}). */
public enum Stage {
  SUBMITTED, IN_REVIEW, IN_REVISION, IN_APPRAISAL, AWAITING_DIRECTOR, DISBURSING, REPORTING, EVALUATING, CLOSING,
  CLOSED, REJECTED, INELIGIBLE, WITHDRAWN, CANCELLED;

  /** The names of the stages a sub-project ends in: nothing is open after them. */
  public static final java.util.List<String> ENDED = java.util.List.of("CLOSED", "REJECTED", "INELIGIBLE", "WITHDRAWN",
      "CANCELLED");

  private static final Map<String, Stage> BY_ELEMENT = Map.ofEntries(
      Map.entry(Element.REVIEW_PROPOSAL, IN_REVIEW),
      Map.entry(Element.REVISE_PROPOSAL, IN_REVISION),
      Map.entry(Element.APPRAISE_PROPOSAL, IN_APPRAISAL),
      Map.entry(Element.APPROVE_AS_DIRECTOR, AWAITING_DIRECTOR),
      Map.entry(Element.SUBMIT_PROGRESS_REPORT, DISBURSING),
      Map.entry(Element.ACCEPT_PROGRESS_REPORT, DISBURSING),
      Map.entry(Element.RECORD_DISBURSEMENT_TASK, DISBURSING),
      Map.entry(Element.CONFIRM_RECEIPT, DISBURSING),
      Map.entry(Element.SUBMIT_COMPLETION_REPORT, REPORTING),
      Map.entry(Element.EVALUATE_RESULTS, EVALUATING),
      Map.entry(Element.CLOSE_SUBPROJECT, CLOSING),
      Map.entry(Element.END_CLOSED, CLOSED),
      Map.entry(Element.END_REJECTED, REJECTED),
      Map.entry(Element.END_INELIGIBLE, INELIGIBLE),
      Map.entry(Element.END_WITHDRAWN, WITHDRAWN),
      Map.entry(Element.END_CANCELLED, CANCELLED));

  /** The stage a sub-project enters at this element, or null when the element changes no stage. */
  public static Stage at(String elementId) {
    return BY_ELEMENT.get(elementId);
  }
}
