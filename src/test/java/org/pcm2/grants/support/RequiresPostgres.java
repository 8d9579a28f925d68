package org.pcm2.grants.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test only when PostgreSQL answers. On a developer's machine without it the test is
 * skipped with a message saying how to start one; under {@code CI=true} it fails instead,
 * so CI can never pass without having tested on PostgreSQL.
 */
public class RequiresPostgres implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String reason = PostgresDatabase.unreachableReason();
    if (reason == null) {
      return ConditionEvaluationResult.enabled("PostgreSQL answers on " + PostgresDatabase.describe());
    }
    String message = "PostgreSQL is not reachable on " + PostgresDatabase.describe() + " (" + reason + "). "
        + "Start one, e.g. `docker compose up -d postgres` or your system's PostgreSQL service, "
        + "or point PCM_TEST_PG_HOST/PCM_TEST_PG_PORT at one.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true and " + message);
    }
    return ConditionEvaluationResult.disabled("Skipped: " + message);
  }
}
