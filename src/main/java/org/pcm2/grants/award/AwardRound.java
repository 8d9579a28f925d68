package org.pcm2.grants.award;

import java.time.Instant;

/** A round of the reward fund: its budget, what was selected and paid, where it stands. */
public record AwardRound(String code, String cycleCode, String processInstanceId, long budget, long selected,
    long paid, String status, String note, String openedBy, Instant openedAt, Instant closedAt) {

  public static final String SELECTING = "SELECTING";
  public static final String APPROVED = "APPROVED";
  public static final String CLOSED = "CLOSED";
}
