package org.pcm2.grants.proposal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Decision;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;

/**
 * What a person enters at each step of the grant cycle, for the API document's examples: the
 * first demo sub-project's steps ({@code demo-closed-1}, 15,000,000 đồng, commune leader
 * {@code leader1}) with fixed dates, and the steps the demo does not take (revision, the
 * director, the progress report) in the same words. Each example passes its step's checks.
 */
final class StepExamples {

  private static final Map<String, Map<String, Object>> BY_STEP = new LinkedHashMap<>();

  static {
    put(Element.REVIEW_PROPOSAL, Var.REVIEW_DECISION, Decision.ENDORSE,
        Var.REVIEW_COMMENT, "Xã nhất trí, nhân dân đã họp bàn");
    put(Element.REVISE_PROPOSAL, Var.CONTRIBUTION_LABOUR, 3_000_000L,
        Var.REVISION_NOTE, "Đã bổ sung ngày công của nhân dân");
    put(Element.APPRAISE_PROPOSAL, Var.APPRAISAL_DECISION, Decision.APPROVE, Var.APPROVED_GRANT, 15_000_000L,
        Var.APPRAISAL_COMMENT, "Phù hợp mục tiêu của quỹ");
    put(Element.APPROVE_AS_DIRECTOR, Var.DIRECTOR_DECISION, Decision.APPROVE,
        Var.DIRECTOR_COMMENT, "Đồng ý cấp vốn");
    put(Element.RECORD_DISBURSEMENT_TASK, Var.PAYMENT_DATE, "2026-11-20", Var.PAYMENT_REFERENCE, "UNC-demo-closed-1");
    put(Element.CONFIRM_RECEIPT, Var.RECEIPT_DATE, "2026-11-21");
    put(Element.SUBMIT_PROGRESS_REPORT, Var.PROGRESS_SUMMARY, "Đã đổ xong 150 m bê tông",
        Var.PROGRESS_SPENT, 7_500_000L);
    put(Element.ACCEPT_PROGRESS_REPORT, Var.PROGRESS_DECISION, Decision.ACCEPT,
        Var.PROGRESS_COMMENT, "Đúng tiến độ");
    put(Element.SUBMIT_COMPLETION_REPORT, Var.ACTUAL_SPENDING, 15_000_000L, Var.CONTRIBUTION_MOBILISED, 3_000_000L,
        Var.WOMEN_REACHED, 64L, Var.MEN_REACHED, 52L, Var.OUTPUT_ACHIEVED, 300L,
        Var.MAINTENANCE_GROUP, "Tổ bảo trì thôn Đồng Tâm (ông Lý Văn Sơn)", Var.MAINTENANCE_FUND, 1_500_000L,
        Var.COMPLETION_SUMMARY, "Hoàn thành đúng thiết kế, đã bàn giao cho cộng đồng quản lý", "photoFiles", "41, 42");
    put(Element.EVALUATE_RESULTS, Var.SCORES.get(0), 5L, Var.SCORES.get(1), 5L, Var.SCORES.get(2), 4L,
        Var.SCORES.get(3), 5L, Var.SCORES.get(4), 5L,
        Var.COMMUNITY_FEEDBACK, "Bà con hài lòng, công trình được sử dụng thường xuyên");
    put(Element.CLOSE_SUBPROJECT, Var.CLOSURE_DECISION, Decision.CLOSE, Var.CLOSURE_COMMENT, "Chứng từ đầy đủ");
  }

  private StepExamples() {
  }

  /** The example of a step (a copy), empty for a step that has none. */
  static Map<String, Object> of(String taskKey) {
    return new LinkedHashMap<>(BY_STEP.getOrDefault(taskKey, Map.of()));
  }

  private static void put(String taskKey, Object... namesAndValues) {
    Map<String, Object> example = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      example.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    BY_STEP.put(taskKey, example);
  }
}
