package org.pcm2.grants.funding;

/**
 * What the grant cycle and the award round ask of the money side. Each call runs in the transaction of the
 * workflow step that makes it, so a refusal rolls the step back and the task stays open.
 */
public interface FundingPort {

  /** Commits the approved grant of a sub-project against its cycle's envelope for the commune. */
  void commit(GrantCommitment commitment);

  /** Records the payment of a tranche; refused when it would exceed the committed grant. */
  void disburse(String subprojectCode, int trancheNumber, long amount, String actor);

  /** Closes the grant: what was committed and not disbursed returns to the envelope. */
  void close(String subprojectCode, String actor);

  /** Cancels the grant before closure: the same return, for the given reason. */
  void release(String subprojectCode, String actor, String reason);

  /**
   * Records an award of the reward fund paid to a closed sub-project in a round. The
   * round's own totals guard its budget; this is the ledger's record of the payment.
   */
  void payAward(String roundCode, String subprojectCode, long amount, String actor, String reference);

  /** Amount committed to a sub-project and not yet disbursed or released. */
  long outstanding(String subprojectCode);
}
