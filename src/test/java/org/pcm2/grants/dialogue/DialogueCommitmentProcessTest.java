package org.pcm2.grants.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.dialogue.DialogueProcess.Var;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.notification.NotificationPort;
import org.pcm2.grants.support.ProcessTestEngine;
import org.pcm2.grants.system.ApplicationOnlyStart;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every path of a dialogue commitment on an in-memory engine, its table on H2; notifications mocked. */
@Deployment(resources = "processes/dialogue-commitment.bpmn")
class DialogueCommitmentProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessTestEngine.withCoverageAtLeast(1.0);

  private final NotificationPort notifications = mock(NotificationPort.class);
  private JdbcClient jdbc;

  @BeforeEach
  void wire() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:dialogue-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load().migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("INSERT INTO place (code, parent_code, kind, name) VALUES ('05740', NULL, 'COMMUNE', 'Xã Hoàng Nông')")
        .update();
    jdbc.sql("""
        INSERT INTO dialogue_meeting (id, commune_code, held_on, women, men, issues, recorded_by, recorded_at)
        VALUES (1, '05740', DATE '2026-11-28', 34, 29, 'Đường xóm xuống cấp', 'leader1', CURRENT_TIMESTAMP)""")
        .update();
    Mocks.register("applicationOnlyStart", new ApplicationOnlyStart());
    Mocks.register("commitmentSteps", new CommitmentSteps(jdbc, notifications));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  @Test
  void theOwnerKeepsTheCommitmentAndSaysSo() {
    ProcessInstance instance = commit(1, "leader1");
    assertThat(instance).isWaitingAt(DialogueProcess.KEEP);
    assertThat(taskQuery().singleResult()).isAssignedTo("leader1").hasDueDate(due());
    taskService().complete(taskQuery().singleResult().getId(), Map.of(Var.OUTCOME, "KEPT", Var.NOTE,
        "Đã khảo sát, lập dự toán"));
    assertThat(instance).isEnded().hasPassed("ServiceTask_RecordCommitmentOutcome");
    assertThat(jdbc.sql("SELECT status FROM dialogue_commitment WHERE id = 1").query(String.class).single())
        .isEqualTo("KEPT");
  }

  @Test
  void anOpenCommitmentIsRemindedThenReportedToDwcAndStillReported() {
    ProcessInstance instance = commit(2, "leader1");
    execute(jobQuery().activityId("BoundaryEvent_CommitmentReminder").singleResult());
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.COMMITMENT_REMINDER
        && r.users().equals(List.of("leader1")) && r.groups().isEmpty() && "DT-1-2".equals(r.subprojectCode())));
    execute(jobQuery().activityId("BoundaryEvent_CommitmentOverdue").singleResult());
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.COMMITMENT_OVERDUE
        && r.users().equals(List.of("leader1")) && r.groups().equals(List.of("dwcOfficers"))));
    assertThat(instance).isWaitingAt(DialogueProcess.KEEP);
    taskService().complete(taskQuery().singleResult().getId(), Map.of(Var.OUTCOME, "NOT_KEPT", Var.NOTE,
        "Chưa có kinh phí"));
    assertThat(instance).isEnded();
    assertThat(jdbc.sql("SELECT status, outcome_note FROM dialogue_commitment WHERE id = 2").query().singleRow())
        .containsEntry("STATUS", "NOT_KEPT").containsEntry("OUTCOME_NOTE", "Chưa có kinh phí");
  }

  private ProcessInstance commit(long id, String owner) {
    jdbc.sql("INSERT INTO dialogue_commitment (id, meeting_id, what, owner, due_on, status) "
        + "VALUES (?, 1, 'Khảo sát đoạn đường hỏng', ?, DATE '2026-12-31', 'OPEN')").params(id, owner).update();
    Map<String, Object> v = new HashMap<>();
    v.put(Var.COMMITMENT_ID, id);
    v.put(Var.OWNER, owner);
    v.put(Var.DUE, due());
    v.put(Var.REMINDER_AT, Date.from(due().toInstant().minus(Duration.ofDays(7))));
    v.put(Var.TEXT, "Khảo sát đoạn đường hỏng");
    v.put(Var.COMMUNE_NAME, "Xã Hoàng Nông");
    v.put(Var.TITLE, "Khảo sát đoạn đường hỏng");
    return runtimeService().startProcessInstanceByKey(DialogueProcess.KEY, "DT-1-" + id, v);
  }

  private static Date due() {
    return Date.from(Instant.parse("2027-01-01T00:00:00Z").minusSeconds(1));
  }

}
