package org.pcm2.grants.grantcycle;

import java.util.Map;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;

/** Where a sub-project stands, as lists and reports show it. */
public enum Stage {
  SUBMITTED("Đã nộp"), IN_REVIEW("Xã đang xem xét"), IN_REVISION("Đang chỉnh sửa"), IN_APPRAISAL("DWC đang thẩm định"),
  AWAITING_DIRECTOR("Chờ giám đốc duyệt"), DISBURSING("Đang giải ngân"), REPORTING("Chờ báo cáo hoàn thành"),
  EVALUATING("Xã đang đánh giá"), CLOSING("DWC đang quyết toán"), CLOSED("Đã đóng"), REJECTED("Bị từ chối"),
  INELIGIBLE("Không đủ điều kiện"), WITHDRAWN("Đã rút"), CANCELLED("Đã hủy");

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

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  /** The stage a sub-project enters at this element, or null when the element changes no stage. */
  public static Stage at(String elementId) {
    return BY_ELEMENT.get(elementId);
  }

  /** Vietnamese name of the stage. */
  public String label() {
    return label;
  }
}
