package org.pcm2.grants.award;

import java.time.LocalDate;

/**
 * A candidate of a round: the closed sub-project, its evaluation, the tier the decision
 * table proposed, the amount DWC selected (0 = not rewarded) and the payment once made.
 */
public record Award(String roundCode, String subprojectCode, int rank, String title, String unitName,
    String communeCode, String communeName, String facilitatorId, double evaluationScore, double womenShare,
    String proposedTier, long proposedAmount, long amount, String paymentReference, LocalDate paidOn, String paidBy) {

  public boolean isWinner() {
    return amount > 0;
  }

  public boolean isPaid() {
    return paidOn != null;
  }
}
