package org.pcm2.grants.support;

/**
 * The human steps of one whole grant cycle through the API, in order, as the README's
 * cycle: who takes each (a demo user, or {@link #LEADER} for the sub-project's commune
 * leader), the task, and what they enter. After i steps a sub-project waits at step i.
 */
public final class GrantCycleSteps {

  /** Stands for the commune leader of the sub-project's commune. */
  public static final String LEADER = "leader";

  public static final String[][] STEPS = {
      {LEADER, "UserTask_ReviewProposal", "{\"reviewDecision\":\"ENDORSE\",\"reviewComment\":\"Xã nhất trí\"}"},
      {"officer1", "UserTask_AppraiseProposal", "{\"appraisalDecision\":\"APPROVE\",\"approvedGrant\":15000000}"},
      {"finance1", "UserTask_RecordDisbursement", "{\"paymentDate\":\"2026-11-20\",\"paymentReference\":\"UNC-1\"}"},
      {"facilitator1", "UserTask_ConfirmReceipt", "{\"receiptDate\":\"2026-11-21\"}"},
      {"facilitator1", "UserTask_SubmitCompletionReport", "{\"actualSpending\":15000000,\"contributionMobilised\":"
          + "4000000,\"womenReached\":31,\"menReached\":27,\"completionSummary\":\"Xong\",\"outputAchieved\":280,"
          + "\"maintenanceGroup\":\"Tổ bảo trì thôn\",\"maintenanceFund\":1500000}"},
      {LEADER, "UserTask_EvaluateResults", "{\"scoreResults\":4,\"scoreParticipation\":5,\"scoreTransparency\":4,"
          + "\"scoreQuality\":5,\"scoreSustainability\":4,\"communityFeedback\":\"Tốt\"}"},
      {"officer2", "UserTask_CloseSubproject", "{\"closureDecision\":\"CLOSE\"}"}};

  private GrantCycleSteps() {
  }

  /** What a step sends, taken by {@code api}'s user: see {@link #body(ApiClient, String, String, String)}. */
  public static String body(ApiClient api, String code, String[] step) {
    return body(api, code, step[1], step[2]);
  }

  /**
   * What a step sends: its fields and, for the completion report, the photo of the works that
   * the facilitator uploads to the sub-project first ({@code photoFiles}).
   */
  public static String body(ApiClient api, String code, String taskKey, String json) {
    if (!"UserTask_SubmitCompletionReport".equals(taskKey) || json.contains("photoFiles")) {
      return json;
    }
    java.net.http.HttpResponse<String> photo = api.upload("/api/subprojects/" + code + "/attachments", "kind", "PHOTO",
        "cong-trinh.jpg", TestFiles.photo("2026:11:20 09:30:00", 21.6, 105.3));
    if (photo.statusCode() != 201) {
      throw new IllegalStateException("photo not kept: " + photo.statusCode() + " " + photo.body());
    }
    String id = photo.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
    return json.substring(0, json.lastIndexOf('}')) + ",\"photoFiles\":\"" + id + "\"}";
  }

  /** Who takes a step, given the commune leader of the sub-project. */
  public static String user(String[] step, String leader) {
    return LEADER.equals(step[0]) ? leader : step[0];
  }
}
