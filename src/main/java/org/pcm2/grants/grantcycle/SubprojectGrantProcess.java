package org.pcm2.grants.grantcycle;

/**
 * Names of the sub-project grant cycle ({@code processes/subproject-grant.bpmn}): the
 * process key, message, variables and the ids of the elements that code and tests mention.
 * The business key of an instance is the sub-project code.
 */
public final class SubprojectGrantProcess {

  public static final String KEY = "subprojectGrant";
  /** Message that cancels a sub-project before closure. */
  public static final String MESSAGE_CANCEL = "SubprojectCancelled";

  /** Process variables. */
  public static final class Var {
    // proposal, entered by the facilitator
    public static final String TITLE = "title";
    public static final String FUND_CODE = "fundCode";
    public static final String CYCLE_CODE = "cycleCode";
    public static final String GROUP_CODE = "groupCode";
    public static final String OBJECTIVES = "objectives";
    public static final String ACTIVITIES = "activities";
    public static final String BUDGET_LINES = "budgetLines";
    public static final String REQUESTED_GRANT = "requestedGrant";
    public static final String CONTRIBUTION_CASH = "contributionCash";
    public static final String CONTRIBUTION_LABOUR = "contributionLabour";
    public static final String CONTRIBUTION_MATERIALS = "contributionMaterials";
    public static final String PLANNED_START = "plannedStart";
    public static final String PLANNED_END = "plannedEnd";
    public static final String BENEFICIARIES_WOMEN = "beneficiariesWomen";
    public static final String BENEFICIARIES_MEN = "beneficiariesMen";
    public static final String BENEFICIARIES_POOR = "beneficiariesPoorHouseholds";
    public static final String BENEFICIARIES_ETHNIC_MINORITY = "beneficiariesEthnicMinority";
    /** Screening's input: the sub-project has a file of the community meeting's minutes. */
    public static final String HAS_MEETING_MINUTES = "hasMeetingMinutes";
    /** The minutes files sent with the proposal or its revision (ids, "12, 13"). */
    public static final String MINUTES_FILES = "minutesFiles";
    public static final String MEETING_MINUTES_NOTE = "meetingMinutesNote";
    public static final String CORE_TEACHER = "coreTeacher";
    public static final String STUDENTS_GIRLS = "studentsGirls";
    public static final String STUDENTS_BOYS = "studentsBoys";
    /** The sector (a code of DWC's table) and the planned main output, in the sector's unit. */
    public static final String SECTOR_CODE = "sectorCode";
    public static final String OUTPUT_PLANNED = "outputPlanned";
    // derived at registration
    public static final String SUBPROJECT_CODE = "subprojectCode";
    public static final String FACILITATOR_ID = "facilitatorId";
    public static final String GROUP_NAME = "groupName";
    public static final String UNIT_TYPE = "unitType";
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    /** The sector's name and its output unit, in both languages, for the forms. */
    public static final String SECTOR_NAME = "sectorName";
    public static final String OUTPUT_UNIT = "outputUnit";
    public static final String COMMUNE_CODE = "communeCode";
    public static final String COMMUNE_NAME = "communeName";
    public static final String COMMUNE_LEADERS_GROUP = "communeLeadersGroup";
    public static final String CONTRIBUTION_TOTAL = "contributionTotal";
    public static final String CONTRIBUTION_SHARE = "contributionShare";
    public static final String DURATION_MONTHS = "durationMonths";
    public static final String TOTAL_BENEFICIARIES = "totalBeneficiaries";
    public static final String OPEN_SUBPROJECTS_OF_GROUP = "openSubprojectsOfGroup";
    public static final String REJECTION_REASON = "rejectionReason";
    // screening and decisions
    public static final String SCREENING_OUTCOME = "screeningOutcome";
    public static final String SCREENING_REASONS = "screeningReasons";
    public static final String REVISION_REASONS = "revisionReasons";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String APPRAISAL_DECISION = "appraisalDecision";
    public static final String APPRAISAL_COMMENT = "appraisalComment";
    public static final String APPROVED_GRANT = "approvedGrant";
    public static final String DIRECTOR_APPROVAL_REQUIRED = "directorApprovalRequired";
    public static final String DIRECTOR_DECISION = "directorDecision";
    public static final String DIRECTOR_COMMENT = "directorComment";
    public static final String REVISION_NOTE = "revisionNote";
    // disbursement
    public static final String TRANCHE_SHARES = "trancheShares";
    public static final String TRANCHE_COUNT = "trancheCount";
    public static final String TRANCHE_NUMBER = "trancheNumber";
    public static final String TRANCHE_AMOUNT = "trancheAmount";
    public static final String DISBURSED_TOTAL = "disbursedTotal";
    public static final String PAYMENT_DATE = "paymentDate";
    public static final String PAYMENT_REFERENCE = "paymentReference";
    public static final String RECEIPT_DATE = "receiptDate";
    public static final String RECEIPT_COMMENT = "receiptComment";
    public static final String PROGRESS_SUMMARY = "progressSummary";
    public static final String PROGRESS_SPENT = "progressSpent";
    public static final String PROGRESS_DECISION = "progressDecision";
    public static final String PROGRESS_COMMENT = "progressComment";
    // completion, evaluation, closure, cancellation
    public static final String ACTUAL_SPENDING = "actualSpending";
    public static final String CONTRIBUTION_MOBILISED = "contributionMobilised";
    public static final String WOMEN_REACHED = "womenReached";
    public static final String MEN_REACHED = "menReached";
    public static final String OUTPUT_ACHIEVED = "outputAchieved";
    public static final String MAINTENANCE_GROUP = "maintenanceGroup";
    public static final String MAINTENANCE_FUND = "maintenanceFund";
    public static final String STUDENTS_GIRLS_REACHED = "studentsGirlsReached";
    public static final String STUDENTS_BOYS_REACHED = "studentsBoysReached";
    public static final String COMPLETION_SUMMARY = "completionSummary";
    public static final String COMMUNITY_FEEDBACK = "communityFeedback";
    /** The evaluation criteria, scored 1 to 5; their weights are in processes/evaluation-weights.dmn. */
    public static final java.util.List<String> SCORES = java.util.List.of("scoreResults", "scoreParticipation",
        "scoreTransparency", "scoreQuality", "scoreSustainability");
    public static final String PHOTOS_NOTE = "photosNote";
    public static final String EVALUATION_COMMENT = "evaluationComment";
    public static final String EVALUATION_SCORE = "evaluationScore";
    public static final String CLOSURE_DECISION = "closureDecision";
    public static final String CLOSURE_COMMENT = "closureComment";
    public static final String CANCEL_REASON = "cancelReason";
    public static final String CANCELLED_BY = "cancelledBy";

    private Var() {
    }
  }

  /** Element ids of the model. */
  public static final class Element {
    public static final String START_PROPOSAL_SUBMITTED = "StartEvent_ProposalSubmitted";
    public static final String REGISTER_PROPOSAL = "ServiceTask_RegisterProposal";
    public static final String SCREEN_PROPOSAL = "ServiceTask_ScreenProposal";
    public static final String REVIEW_PROPOSAL = "UserTask_ReviewProposal";
    public static final String REVISE_PROPOSAL = "UserTask_ReviseProposal";
    public static final String APPRAISE_PROPOSAL = "UserTask_AppraiseProposal";
    public static final String ROUTE_APPROVAL = "BusinessRuleTask_RouteApproval";
    public static final String APPROVE_AS_DIRECTOR = "UserTask_ApproveAsDirector";
    public static final String COMMIT_GRANT = "ServiceTask_CommitGrant";
    public static final String PLAN_TRANCHES = "ServiceTask_PlanTranches";
    public static final String PREPARE_TRANCHE = "ServiceTask_PrepareTranche";
    public static final String SUBMIT_PROGRESS_REPORT = "UserTask_SubmitProgressReport";
    public static final String ACCEPT_PROGRESS_REPORT = "UserTask_AcceptProgressReport";
    public static final String RECORD_DISBURSEMENT_TASK = "UserTask_RecordDisbursement";
    public static final String RECORD_DISBURSEMENT = "ServiceTask_RecordDisbursement";
    public static final String CONFIRM_RECEIPT = "UserTask_ConfirmReceipt";
    public static final String SUBMIT_COMPLETION_REPORT = "UserTask_SubmitCompletionReport";
    public static final String EVALUATE_RESULTS = "UserTask_EvaluateResults";
    public static final String SCORE_EVALUATION = "ServiceTask_ScoreEvaluation";
    public static final String CLOSE_SUBPROJECT = "UserTask_CloseSubproject";
    public static final String CLOSE_GRANT = "ServiceTask_CloseGrant";
    public static final String RELEASE_GRANT = "ServiceTask_ReleaseGrant";
    public static final String BOUNDARY_REVIEW_REMINDER = "BoundaryEvent_ReviewReminder";
    public static final String BOUNDARY_REVIEW_ESCALATION = "BoundaryEvent_ReviewEscalation";
    public static final String BOUNDARY_REVISION_OVERDUE = "BoundaryEvent_RevisionOverdue";
    public static final String BOUNDARY_COMPLETION_REMINDER = "BoundaryEvent_CompletionReminder";
    public static final String BOUNDARY_COMPLETION_ESCALATION = "BoundaryEvent_CompletionEscalation";
    public static final String BOUNDARY_EVALUATION_REMINDER = "BoundaryEvent_EvaluationReminder";
    public static final String BOUNDARY_EVALUATION_ESCALATION = "BoundaryEvent_EvaluationEscalation";
    public static final String END_CLOSED = "EndEvent_SubprojectClosed";
    public static final String END_INELIGIBLE = "EndEvent_ProposalIneligible";
    public static final String END_REJECTED = "EndEvent_ProposalRejected";
    public static final String END_WITHDRAWN = "EndEvent_ProposalWithdrawn";
    public static final String END_CANCELLED = "EndEvent_SubprojectCancelled";
    public static final String END_REVIEW_REMINDED = "EndEvent_ReviewReminded";
    public static final String END_REVIEW_ESCALATED = "EndEvent_ReviewEscalated";

    private Element() {
    }
  }

  /** Values of the decision variables. */
  public static final class Decision {
    public static final String ENDORSE = "ENDORSE";
    public static final String APPROVE = "APPROVE";
    public static final String REVISE = "REVISE";
    public static final String REJECT = "REJECT";
    public static final String ACCEPT = "ACCEPT";
    public static final String RETURN = "RETURN";
    public static final String CLOSE = "CLOSE";

    private Decision() {
    }
  }

  private SubprojectGrantProcess() {
  }
}
