package org.pcm2.grants.funding;

import io.swagger.v3.oas.annotations.media.Schema;

/** The budget of a cycle for one commune or school, and how much of it is committed. */
@Schema(description = "Hạn mức của một xã/trường trong đợt / The envelope of a commune or school in a cycle")
public record Envelope(@Schema(example = "CM-2026-1") String cycleCode,
    @Schema(example = "05740", description = "Mã xã hoặc trường / Commune or school code") String holderCode,
    @Schema(example = "150000000") long amount, @Schema(example = "15000000") long committed) {

  public long remaining() {
    return amount - committed;
  }
}
