package org.pcm2.grants.funding;

import java.time.Instant;

/** One line of the ledger. */
public record LedgerEntry(long id, String subprojectCode, String fundCode, String cycleCode, String communeCode,
    String kind, Integer trancheNumber, long amount, String actor, String reason, Instant recordedAt) {
}
