package org.pcm2.grants.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The decisions and submissions of every sub-project, appended in the same transaction as
 * the step itself and never changed; the timeline the API shows.
 */
@Service
public class AuditTrail {

  private static final RowMapper<AuditEntry> ENTRY = (rs, i) -> new AuditEntry(rs.getString("subproject_code"),
      rs.getString("process_instance_id"), rs.getString("task_key"), rs.getString("step"), rs.getString("outcome"),
      rs.getString("comment"), (Long) rs.getObject("amount", Long.class), rs.getString("actor"),
      rs.getTimestamp("decided_at").toInstant());

  private final JdbcClient jdbc;

  public AuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void append(AuditEntry entry) {
    jdbc.sql("""
        INSERT INTO decision_log (subproject_code, process_instance_id, task_key, step, outcome, comment, amount,
                                  actor, decided_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(entry.subprojectCode(), entry.processInstanceId(), entry.taskKey(), entry.step(), entry.outcome(),
        entry.comment(), entry.amount(), entry.actor(), Timestamp.from(entry.decidedAt())).update();
  }

  /**
   * The latest recorded completion of any of these steps of the sub-project: what money
   * steps read, rather than process variables, to know what was decided and by whom.
   */
  public Optional<AuditEntry> latest(String subprojectCode, Collection<String> taskKeys) {
    if (taskKeys.isEmpty()) {
      return Optional.empty();
    }
    String keys = String.join(",", Collections.nCopies(taskKeys.size(), "?"));
    List<Object> params = new ArrayList<>();
    params.add(subprojectCode);
    params.addAll(taskKeys);
    return jdbc.sql("SELECT subproject_code, process_instance_id, task_key, step, outcome, comment, amount, actor,"
        + " decided_at FROM decision_log WHERE subproject_code = ? AND task_key IN (" + keys + ")"
        + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").params(params).query(ENTRY).optional();
  }

  /** Every recorded step of the sub-project, oldest first. */
  public List<AuditEntry> timeline(String subprojectCode) {
    return jdbc.sql("""
        SELECT subproject_code, process_instance_id, task_key, step, outcome, comment, amount, actor, decided_at
        FROM decision_log WHERE subproject_code = ? ORDER BY decided_at, id
        """).param(subprojectCode).query(ENTRY).list();
  }
}
