package org.pcm2.grants.readmodel;

import java.time.Instant;
import java.time.LocalDate;

/** A sub-project as lists show it, from the read model. */
public record SubprojectView(String code, String title, String fundCode, String cycleCode, String groupCode,
    String unitType, String unitName, String communeCode, String communeName, String facilitatorId, String stage,
    String stageLabel, Long requestedGrant, Long approvedGrant, long disbursed, Long contributionPlanned,
    Long contributionMobilised, Integer beneficiariesWomen, Integer beneficiariesMen, Integer womenReached,
    Integer menReached, LocalDate plannedStart, LocalDate plannedEnd, Double evaluationScore, Instant submittedAt,
    Instant updatedAt, String processInstanceId) {
}
