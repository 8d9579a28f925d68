package org.pcm2.grants.grantcycle;

/** Ids of the award round model ({@code processes/award-round.bpmn}) that code refers to. */
public final class AwardRoundProcess {

  public static final String KEY = "awardRound";

  private AwardRoundProcess() {
  }

  /** Element ids of the model. */
  public static final class Element {
    public static final String ROUND_REQUESTED = "StartEvent_RoundRequested";
    public static final String OPEN_ROUND = "ServiceTask_OpenRound";
    public static final String HAS_CANDIDATES = "Gateway_HasCandidates";
    public static final String NOTIFY_NO_CANDIDATES = "ServiceTask_NotifyNoCandidates";
    public static final String END_NO_CANDIDATES = "EndEvent_NoCandidates";
    public static final String SELECT_WINNERS = "UserTask_SelectWinners";
    public static final String APPROVE_AWARD_LIST = "UserTask_ApproveAwardList";
    public static final String AWARD_LIST_DECISION = "Gateway_AwardListDecision";
    public static final String ANNOUNCE_AWARDS = "ServiceTask_AnnounceAwards";
    public static final String HAS_WINNERS = "Gateway_HasWinners";
    public static final String PAY_AWARD = "UserTask_PayAward";
    public static final String CLOSE_ROUND = "ServiceTask_CloseRound";
    public static final String END_CLOSED = "EndEvent_RoundClosed";

    private Element() {
    }
  }

  /** Variables of a round. */
  public static final class Var {
    public static final String CYCLE_CODE = "cycleCode";
    public static final String BUDGET = "budget";
    public static final String ROUND_NOTE = "roundNote";
    public static final String ROUND_CODE = "roundCode";
    /** The round's name as mails and task lists show it (the grant cycle's variable of the same name). */
    public static final String TITLE = "title";
    public static final String CANDIDATE_COUNT = "candidateCount";
    public static final String CANDIDATE_LIST = "candidateList";
    public static final String PROPOSED_TOTAL = "proposedTotal";
    public static final String AWARD_SELECTION = "awardSelection";
    public static final String SELECTION_COMMENT = "selectionComment";
    public static final String SELECTED_TOTAL = "selectedTotal";
    public static final String WINNER_COUNT = "winnerCount";
    public static final String AWARD_LIST_DECISION = "awardListDecision";
    public static final String AWARD_LIST_COMMENT = "awardListComment";
    /** Element variable of the payment tasks: the sub-project whose award is paid. */
    public static final String AWARD_SUBPROJECT = "awardSubprojectCode";
    public static final String AWARD_TITLE = "awardTitle";
    public static final String AWARD_UNIT = "awardUnit";
    public static final String AWARD_COMMUNE = "awardCommune";
    public static final String AWARD_TIER = "awardTier";
    public static final String AWARD_AMOUNT = "awardAmount";
    public static final String PAYMENT_DATE = "awardPaymentDate";
    public static final String PAYMENT_REFERENCE = "awardPaymentReference";
    public static final String PAID_TOTAL = "paidTotal";

    private Var() {
    }
  }

  /** Decisions of the director on the award list. */
  public static final class Decision {
    public static final String APPROVE = "APPROVE";
    public static final String RETURN = "RETURN";

    private Decision() {
    }
  }
}
