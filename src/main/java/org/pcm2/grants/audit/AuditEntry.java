package org.pcm2.grants.audit;

import java.time.Instant;

/** One recorded step of a sub-project: who decided what, when, with which comment and amount. */
public record AuditEntry(String subprojectCode, String processInstanceId, String taskKey, String step,
    String outcome, String comment, Long amount, String actor, Instant decidedAt) {
}
