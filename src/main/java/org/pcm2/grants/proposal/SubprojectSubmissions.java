package org.pcm2.grants.proposal;

import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pcm2.grants.system.Actors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submits proposals for facilitators. A retried submission with the same idempotency key
 * finds the sub-project of the first: the key is stored in the submission's transaction,
 * and a concurrent duplicate fails on the key and rolls back whole.
 */
@Service
public class SubprojectSubmissions {

  /** The sub-project a submission created. */
  public record Submitted(String code, String processInstanceId) {
  }

  private final RuntimeService runtime;
  private final IdentityService identity;
  private final JdbcClient jdbc;

  public SubprojectSubmissions(RuntimeService runtime, IdentityService identity, JdbcClient jdbc) {
    this.runtime = runtime;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  /** The sub-project already submitted with this key by this facilitator, if any. */
  public Optional<Submitted> previous(String idempotencyKey, String facilitatorId) {
    if (idempotencyKey == null) {
      return Optional.empty();
    }
    return jdbc.sql("""
        SELECT s.process_instance_id, p.code FROM submission_key s LEFT JOIN subproject p
          ON p.process_instance_id = s.process_instance_id
        WHERE s.idempotency_key = ? AND s.submitted_by = ?
        """).params(idempotencyKey, facilitatorId)
        .query((rs, i) -> new Submitted(rs.getString("code"), rs.getString("process_instance_id"))).optional();
  }

  @Transactional
  public Submitted submit(String facilitatorId, Map<String, Object> variables, String idempotencyKey) {
    // every field, and that the group is the facilitator's, is checked inside the start's
    // transaction by the engine (access/StartGuard, the start event's listener), as for any door
    Actors.authenticate(identity, facilitatorId);
    ProcessInstance instance;
    try {
      instance = runtime.startProcessInstanceByKey(SubprojectGrantProcess.KEY, variables);
    } finally {
      identity.clearAuthentication();
    }
    if (idempotencyKey != null) {
      jdbc.sql("""
          INSERT INTO submission_key (idempotency_key, submitted_by, process_instance_id, created_at)
          VALUES (?, ?, ?, ?)
          """).params(idempotencyKey, facilitatorId, instance.getId(), Timestamp.from(Instant.now())).update();
    }
    return new Submitted(instance.getBusinessKey(), instance.getId());
  }
}
