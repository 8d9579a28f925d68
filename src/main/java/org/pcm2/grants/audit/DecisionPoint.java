package org.pcm2.grants.audit;

import static org.pcm2.grants.grantcycle.GrantVariables.text;
import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.pcm2.grants.forms.StepForms;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Decision;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.FieldChecks.Need;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;

/**
 * Every human step of the grant cycle whose completion is recorded in the audit trail:
 * the variable that carries the decision (if it is a decision), its allowed values (those
 * its form offers: one list for the Tasklist, the API and its document), the
 * comment that must accompany work sent back or rejected, and the step's own inputs.
 */
public enum DecisionPoint {

  REVIEW(decision(Element.REVIEW_PROPOSAL, Var.REVIEW_DECISION).comment(Var.REVIEW_COMMENT)),
  APPRAISAL(decision(Element.APPRAISE_PROPOSAL, Var.APPRAISAL_DECISION).comment(Var.APPRAISAL_COMMENT).amount(Var.APPROVED_GRANT)
      .inputs(DecisionPoint::checkApprovedAmount)),
  DIRECTOR(decision(Element.APPROVE_AS_DIRECTOR, Var.DIRECTOR_DECISION).comment(Var.DIRECTOR_COMMENT).amount(Var.APPROVED_GRANT)),
  REVISION(submission(Element.REVISE_PROPOSAL).comment(Var.REVISION_NOTE)
      .amount(Var.REQUESTED_GRANT)),
  PROGRESS_REPORT(submission(Element.SUBMIT_PROGRESS_REPORT).comment(Var.PROGRESS_SUMMARY)
      .inputs((v, e) -> {
        FieldChecks.requiredText(v, Var.PROGRESS_SUMMARY, FieldChecks.MAX_TEXT, e);
        FieldChecks.amount(v, Var.PROGRESS_SPENT, Need.REQUIRED, e);
      })),
  PROGRESS_ACCEPTANCE(decision(Element.ACCEPT_PROGRESS_REPORT, Var.PROGRESS_DECISION).comment(Var.PROGRESS_COMMENT)),
  DISBURSEMENT(submission(Element.RECORD_DISBURSEMENT_TASK)
      .comment(Var.PAYMENT_REFERENCE).amount(Var.TRANCHE_AMOUNT).inputs((v, e) -> {
        FieldChecks.requiredDate(v, Var.PAYMENT_DATE, e);
        FieldChecks.requiredText(v, Var.PAYMENT_REFERENCE, FieldChecks.MAX_TEXT, e);
      })),
  RECEIPT(submission(Element.CONFIRM_RECEIPT).comment(Var.RECEIPT_COMMENT)
      .amount(Var.TRANCHE_AMOUNT).inputs((v, e) -> FieldChecks.requiredDate(v, Var.RECEIPT_DATE, e))),
  COMPLETION(submission(Element.SUBMIT_COMPLETION_REPORT).comment(Var.COMPLETION_SUMMARY)
      .amount(Var.ACTUAL_SPENDING).inputs((v, e) -> {
        FieldChecks.requiredText(v, Var.COMPLETION_SUMMARY, FieldChecks.MAX_TEXT, e);
        FieldChecks.amount(v, Var.ACTUAL_SPENDING, Need.REQUIRED, e);
        FieldChecks.amount(v, Var.CONTRIBUTION_MOBILISED, Need.REQUIRED, e);
        FieldChecks.amount(v, Var.WOMEN_REACHED, Need.REQUIRED, e);
        FieldChecks.amount(v, Var.MEN_REACHED, Need.REQUIRED, e);
        FieldChecks.count(v, Var.OUTPUT_ACHIEVED, true, e);
        FieldChecks.requiredText(v, Var.MAINTENANCE_GROUP, 200, e);
        FieldChecks.amount(v, Var.MAINTENANCE_FUND, Need.OPTIONAL, e);
        boolean school = "SCHOOL".equals(text(v, Var.UNIT_TYPE));
        for (String students : List.of(Var.STUDENTS_GIRLS_REACHED, Var.STUDENTS_BOYS_REACHED)) {
          if (FieldChecks.count(v, students, false, e) == null && school && v.get(students) == null) {
            e.add(new FieldError(students, Texts.both("completion.studentsReached")));
          }
        }
      })),
  EVALUATION(submission(Element.EVALUATE_RESULTS).comment(Var.EVALUATION_COMMENT)
      .inputs((v, e) -> {
        for (String score : Var.SCORES) {
          FieldChecks.score(v, score, e);
        }
        FieldChecks.requiredText(v, Var.COMMUNITY_FEEDBACK, FieldChecks.MAX_TEXT, e);
      })),
  CLOSURE(decision(Element.CLOSE_SUBPROJECT, Var.CLOSURE_DECISION).comment(Var.CLOSURE_COMMENT));

  /** Decisions that send work back or reject: they always carry a comment. */
  private static final Set<String> NEED_COMMENT = Set.of(Decision.REVISE, Decision.REJECT, Decision.RETURN);

  /** How a step is declared: a decision among values, or a submission; then its comment, amount and inputs. */
  static final class Spec {
    private final String taskKey;
    private final String decisionVariable;
    private final Set<String> allowed;
    private String commentVariable;
    private String amountVariable;
    private BiConsumer<Map<String, Object>, List<FieldError>> inputs = (v, e) -> { };

    private Spec(String taskKey, String decisionVariable, Set<String> allowed) {
      this.taskKey = taskKey;
      this.decisionVariable = decisionVariable;
      this.allowed = allowed;
    }

    /** The variable that carries the step's own text (a reason, a note, a reference). */
    Spec comment(String variable) {
      this.commentVariable = variable;
      return this;
    }

    /** The amount the audit trail records for the step. */
    Spec amount(String variable) {
      this.amountVariable = variable;
      return this;
    }

    /** The step's own required inputs. */
    Spec inputs(BiConsumer<Map<String, Object>, List<FieldError>> check) {
      this.inputs = check;
      return this;
    }
  }

  /** A step whose person chooses, in this variable, one of the values its form offers. */
  private static Spec decision(String taskKey, String variable) {
    Set<String> allowed = new LinkedHashSet<>();
    StepForms.deployed().rule(taskKey, variable).orElseThrow(
        () -> new IllegalStateException("The form of " + taskKey + " has no field " + variable))
        .values().forEach(value -> allowed.add(value.toString()));
    return new Spec(taskKey, variable, Collections.unmodifiableSet(allowed));
  }

  /** A step whose person submits something (a report, a payment, a revision) rather than decides. */
  private static Spec submission(String taskKey) {
    return new Spec(taskKey, null, Set.of());
  }

  private final String taskKey;
  private final String decisionVariable;
  private final Set<String> allowed;
  private final String commentVariable;
  private final String amountVariable;
  private final BiConsumer<Map<String, Object>, List<FieldError>> inputs;

  DecisionPoint(Spec spec) {
    this.taskKey = spec.taskKey;
    this.decisionVariable = spec.decisionVariable;
    this.allowed = spec.allowed;
    this.commentVariable = spec.commentVariable;
    this.amountVariable = spec.amountVariable;
    this.inputs = spec.inputs;
  }

  public static DecisionPoint of(String taskKey) {
    for (DecisionPoint point : values()) {
      if (point.taskKey.equals(taskKey)) {
        return point;
      }
    }
    throw new IllegalArgumentException("No decision point for task " + taskKey);
  }

  /** What is wrong with the completion's variables; empty when it may complete. */
  public List<FieldError> check(Map<String, Object> variables) {
    List<FieldError> errors = new ArrayList<>();
    if (decisionVariable != null) {
      String decision = text(variables, decisionVariable);
      if (decision == null || !allowed.contains(decision)) {
        errors.add(new FieldError(decisionVariable, Texts.both("check.oneOf", allowed.toString())));
      } else if (NEED_COMMENT.contains(decision)) {
        String comment = text(variables, commentVariable);
        if (comment == null || comment.isEmpty()) {
          errors.add(new FieldError(commentVariable,
              Texts.both("audit.reasonToReturnOrReject")));
        }
      }
    }
    String comment = text(variables, commentVariable);
    if (comment != null && comment.length() > FieldChecks.MAX_TEXT) {
      errors.add(new FieldError(commentVariable, Texts.both("check.longer", FieldChecks.MAX_TEXT)));
    }
    if (errors.isEmpty()) {
      inputs.accept(variables, errors);
    }
    return errors;
  }

  /** The decision taken, or the action a non-decision step stands for. */
  public String outcome(Map<String, Object> variables) {
    return decisionVariable == null ? "SUBMITTED" : text(variables, decisionVariable);
  }

  public boolean sendsBack(Map<String, Object> variables) {
    return decisionVariable != null && NEED_COMMENT.contains(text(variables, decisionVariable))
        && !Decision.REJECT.equals(text(variables, decisionVariable));
  }

  public boolean rejects(Map<String, Object> variables) {
    return decisionVariable != null && Decision.REJECT.equals(text(variables, decisionVariable));
  }

  public String taskKey() {
    return taskKey;
  }

  public String label() {
    return Texts.vietnamese("step." + taskKey);
  }

  /** The variable that carries the decision; null for a step that submits rather than decides. */
  public String decisionVariable() {
    return decisionVariable;
  }

  /** The decisions among {@link #allowed()} that must carry the comment. */
  public Set<String> needComment() {
    Set<String> need = new LinkedHashSet<>(allowed);
    need.retainAll(NEED_COMMENT);
    return need;
  }

  public Set<String> allowed() {
    return allowed;
  }

  public String commentVariable() {
    return commentVariable;
  }

  public String amountVariable() {
    return amountVariable;
  }

  private static void checkApprovedAmount(Map<String, Object> v, List<FieldError> errors) {
    if (!Decision.APPROVE.equals(text(v, Var.APPRAISAL_DECISION))) {
      return;
    }
    Long approved;
    try {
      approved = whole(v, Var.APPROVED_GRANT);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(Var.APPROVED_GRANT, Texts.both("check.wholeDong")));
      return;
    }
    Long requested = whole(v, Var.REQUESTED_GRANT);
    if (approved == null) {
      errors.add(new FieldError(Var.APPROVED_GRANT, Texts.both("audit.requiredToApprove")));
    } else if (approved <= 0) {
      errors.add(new FieldError(Var.APPROVED_GRANT, Texts.both("check.positive")));
    } else if (requested != null && approved > requested) {
      errors.add(new FieldError(Var.APPROVED_GRANT, Texts.both("audit.aboveRequested")));
    }
  }
}
