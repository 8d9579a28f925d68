package org.pcm2.grants.funding;

/** The approval of a grant, as the ledger records it. */
public record GrantCommitment(String subprojectCode, String fundCode, String cycleCode, String unitCode,
    String communeCode, long amount, String actor) {
}
