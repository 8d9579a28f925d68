package org.pcm2.grants.audit;

import static org.pcm2.grants.grantcycle.GrantVariables.date;
import static org.pcm2.grants.grantcycle.GrantVariables.text;
import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Decision;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.FieldError;

/**
 * Every human step of the grant cycle whose completion is recorded in the audit trail:
 * the variable that carries the decision (if it is a decision), its allowed values, the
 * comment that must accompany work sent back or rejected, and the step's own inputs.
 */
public enum DecisionPoint {

  REVIEW(Element.REVIEW_PROPOSAL, "Xã xem xét đề xuất", Var.REVIEW_DECISION,
      Set.of(Decision.ENDORSE, Decision.REVISE, Decision.REJECT), Var.REVIEW_COMMENT, null, (v, e) -> { }),
  APPRAISAL(Element.APPRAISE_PROPOSAL, "DWC thẩm định", Var.APPRAISAL_DECISION,
      Set.of(Decision.APPROVE, Decision.REVISE, Decision.REJECT), Var.APPRAISAL_COMMENT, Var.APPROVED_GRANT,
      DecisionPoint::checkApprovedAmount),
  DIRECTOR(Element.APPROVE_AS_DIRECTOR, "Giám đốc DWC phê duyệt", Var.DIRECTOR_DECISION,
      Set.of(Decision.APPROVE, Decision.REVISE, Decision.REJECT), Var.DIRECTOR_COMMENT, Var.APPROVED_GRANT, (v, e) -> { }),
  REVISION(Element.REVISE_PROPOSAL, "Chỉnh sửa đề xuất", null, Set.of(), Var.REVISION_NOTE, Var.REQUESTED_GRANT,
      (v, e) -> { }),
  PROGRESS_REPORT(Element.SUBMIT_PROGRESS_REPORT, "Nộp báo cáo tiến độ", null, Set.of(), Var.PROGRESS_SUMMARY, null,
      (v, e) -> {
        requireText(v, Var.PROGRESS_SUMMARY, e);
        requireAmount(v, Var.PROGRESS_SPENT, e);
      }),
  PROGRESS_ACCEPTANCE(Element.ACCEPT_PROGRESS_REPORT, "DWC xét báo cáo tiến độ", Var.PROGRESS_DECISION,
      Set.of(Decision.ACCEPT, Decision.RETURN), Var.PROGRESS_COMMENT, null, (v, e) -> { }),
  DISBURSEMENT(Element.RECORD_DISBURSEMENT_TASK, "Kế toán ghi nhận chuyển tiền", null, Set.of(), Var.PAYMENT_REFERENCE,
      Var.TRANCHE_AMOUNT, (v, e) -> {
        requireDate(v, Var.PAYMENT_DATE, e);
        requireText(v, Var.PAYMENT_REFERENCE, e);
      }),
  RECEIPT(Element.CONFIRM_RECEIPT, "Xác nhận đã nhận tiền", null, Set.of(), Var.RECEIPT_COMMENT, Var.TRANCHE_AMOUNT,
      (v, e) -> requireDate(v, Var.RECEIPT_DATE, e)),
  COMPLETION(Element.SUBMIT_COMPLETION_REPORT, "Nộp báo cáo hoàn thành", null, Set.of(), Var.COMPLETION_SUMMARY,
      Var.ACTUAL_SPENDING, (v, e) -> {
        requireText(v, Var.COMPLETION_SUMMARY, e);
        requireAmount(v, Var.ACTUAL_SPENDING, e);
        requireAmount(v, Var.CONTRIBUTION_MOBILISED, e);
        requireAmount(v, Var.WOMEN_REACHED, e);
        requireAmount(v, Var.MEN_REACHED, e);
      }),
  EVALUATION(Element.EVALUATE_RESULTS, "Xã đánh giá kết quả", null, Set.of(), Var.EVALUATION_COMMENT, null,
      (v, e) -> {
        for (String score : Var.SCORES) {
          requireScore(v, score, e);
        }
        requireText(v, Var.COMMUNITY_FEEDBACK, e);
      }),
  CLOSURE(Element.CLOSE_SUBPROJECT, "DWC quyết toán và đóng", Var.CLOSURE_DECISION,
      Set.of(Decision.CLOSE, Decision.RETURN), Var.CLOSURE_COMMENT, null, (v, e) -> { });

  /** Decisions that send work back or reject: they always carry a comment. */
  private static final Set<String> NEED_COMMENT = Set.of(Decision.REVISE, Decision.REJECT, Decision.RETURN);

  private final String taskKey;
  private final String label;
  private final String decisionVariable;
  private final Set<String> allowed;
  private final String commentVariable;
  private final String amountVariable;
  private final BiConsumer<Map<String, Object>, List<FieldError>> inputs;

  DecisionPoint(String taskKey, String label, String decisionVariable, Set<String> allowed, String commentVariable,
      String amountVariable, BiConsumer<Map<String, Object>, List<FieldError>> inputs) {
    this.taskKey = taskKey;
    this.label = label;
    this.decisionVariable = decisionVariable;
    this.allowed = allowed;
    this.commentVariable = commentVariable;
    this.amountVariable = amountVariable;
    this.inputs = inputs;
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
        errors.add(new FieldError(decisionVariable, "chọn một trong / choose one of " + allowed));
      } else if (NEED_COMMENT.contains(decision)) {
        String comment = text(variables, commentVariable);
        if (comment == null || comment.isEmpty()) {
          errors.add(new FieldError(commentVariable,
              "cần ghi lý do khi trả lại hoặc từ chối / a reason is required to send back or reject"));
        }
      }
    }
    String comment = text(variables, commentVariable);
    if (comment != null && comment.length() > 4000) {
      errors.add(new FieldError(commentVariable, "dài quá 4000 ký tự / longer than 4000 characters"));
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
    return label;
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
      errors.add(new FieldError(Var.APPROVED_GRANT, "phải là số đồng nguyên / must be a whole number of đồng"));
      return;
    }
    Long requested = whole(v, Var.REQUESTED_GRANT);
    if (approved == null) {
      errors.add(new FieldError(Var.APPROVED_GRANT, "bắt buộc khi duyệt / required to approve"));
    } else if (approved <= 0) {
      errors.add(new FieldError(Var.APPROVED_GRANT, "phải lớn hơn 0 / must be greater than 0"));
    } else if (requested != null && approved > requested) {
      errors.add(new FieldError(Var.APPROVED_GRANT, "không được vượt số đề nghị / must not exceed the requested grant"));
    }
  }

  private static void requireText(Map<String, Object> v, String name, List<FieldError> errors) {
    String value = text(v, name);
    if (value == null || value.isEmpty()) {
      errors.add(new FieldError(name, "bắt buộc / required"));
    }
  }

  private static void requireAmount(Map<String, Object> v, String name, List<FieldError> errors) {
    try {
      Long value = whole(v, name);
      if (value == null) {
        errors.add(new FieldError(name, "bắt buộc / required"));
      } else if (value < 0) {
        errors.add(new FieldError(name, "không được âm / must not be negative"));
      }
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, "phải là số nguyên / must be a whole number"));
    }
  }

  private static void requireScore(Map<String, Object> v, String name, List<FieldError> errors) {
    try {
      Long value = whole(v, name);
      if (value == null || value < 1 || value > 5) {
        errors.add(new FieldError(name, "chấm từ 1 đến 5 / score 1 to 5"));
      }
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, "chấm từ 1 đến 5 / score 1 to 5"));
    }
  }

  private static void requireDate(Map<String, Object> v, String name, List<FieldError> errors) {
    try {
      if (date(v, name) == null) {
        errors.add(new FieldError(name, "bắt buộc / required"));
      }
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(name, "ngày không hợp lệ / invalid date"));
    }
  }
}
