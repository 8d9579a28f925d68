package org.pcm2.grants.proposal;

/**
 * Names of the sub-project grant cycle ({@code processes/subproject-grant.bpmn}): the
 * process key, its variables and the ids of the elements that code and tests mention.
 * The business key of an instance is the sub-project code.
 */
public final class SubprojectGrantProcess {

  public static final String KEY = "subprojectGrant";

  /** Process variables. */
  public static final class Var {
    public static final String GROUP_CODE = "groupCode";
    public static final String GROUP_NAME = "groupName";
    public static final String UNIT_CODE = "unitCode";
    public static final String UNIT_NAME = "unitName";
    public static final String COMMUNE_CODE = "communeCode";
    public static final String COMMUNE_NAME = "communeName";
    public static final String COMMUNE_LEADERS_GROUP = "communeLeadersGroup";
    public static final String FACILITATOR_ID = "facilitatorId";
    public static final String TITLE = "title";

    private Var() {
    }
  }

  /** Element ids of the model. */
  public static final class Element {
    public static final String START_PROPOSAL_SUBMITTED = "StartEvent_ProposalSubmitted";
    public static final String LOCATE_GROUP = "ServiceTask_LocateGroup";
    public static final String REVIEW_PROPOSAL = "UserTask_ReviewProposal";
    public static final String END_REVIEWED = "EndEvent_ProposalReviewed";

    private Element() {
    }
  }

  private SubprojectGrantProcess() {
  }
}
