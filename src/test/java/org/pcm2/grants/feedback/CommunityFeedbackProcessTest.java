package org.pcm2.grants.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.processEngine;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineException;
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
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.feedback.FeedbackProcess.Element;
import org.pcm2.grants.feedback.FeedbackProcess.Var;
import org.pcm2.grants.notification.MailComposer;
import org.pcm2.grants.notification.MailOutbox;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.notification.NotificationPort;
import org.pcm2.grants.support.ProcessTestEngine;
import org.pcm2.grants.system.ApplicationOnlyStart;
import org.pcm2.grants.system.Deadlines;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of a piece of community feedback on an in-memory engine with the real routing
 * table, the real steps and the feedback table on its own H2 database (the application's
 * migrations); the notification port is a mock, the reply goes to the real outbox.
 */
@Deployment(resources = {"processes/community-feedback.bpmn", "processes/feedback-routing.dmn"})
class CommunityFeedbackProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessTestEngine.withCoverageAtLeast(1.0);

  private final NotificationPort notifications = mock(NotificationPort.class);
  private final DirectoryService directory = mock(DirectoryService.class);
  private JdbcClient jdbc;
  private FeedbackRepository feedback;

  @BeforeEach
  void wire() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:feedback-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load().migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("INSERT INTO place (code, parent_code, kind, name) VALUES ('05740', NULL, 'COMMUNE', 'Xã Hoàng Nông')")
        .update();
    feedback = new FeedbackRepository(jdbc);
    when(directory.currentCommune(anyString())).thenAnswer(call -> call.getArgument(0));
    Mocks.register("applicationOnlyStart", new ApplicationOnlyStart());
    Mocks.register("feedbackSteps", new FeedbackSteps(feedback, notifications, new MailComposer(),
        new MailOutbox(jdbc, event -> { }, dataSource), new FeedbackHandlers(jdbc, directory, processEngine().getIdentityService())));
    Mocks.register("deadlines", new Deadlines());
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    processEngine().getIdentityService().clearAuthentication();
  }

  @Test
  void aComplaintAboutTheCommuneReachesItsLeadersAndTheAnswerIsMailedToTheSender() {
    ProcessInstance instance = receive("PA-COMMUNE1", FeedbackCategory.COMPLAINT, false, "nguoidan@example.org");

    assertThat(instance).isWaitingAt(Element.HANDLE);
    assertThat(taskQuery().singleResult()).hasCandidateGroup("commune05740");
    assertThat(row("PA-COMMUNE1", "handler")).isEqualTo("COMMUNE");
    answer("leader1", "Xã đã kiểm tra và sẽ sửa đoạn đường trong tháng này");

    assertThat(instance).isEnded().hasPassed("ServiceTask_RecordFeedbackAnswer");
    assertThat(row("PA-COMMUNE1", "status")).isEqualTo("RESOLVED");
    assertThat(row("PA-COMMUNE1", "resolved_by")).isEqualTo("leader1");
    assertThat(row("PA-COMMUNE1", "reply")).startsWith("Xã đã kiểm tra");
    Map<String, Object> mail = jdbc.sql("SELECT kind, recipient_email, subject, body_text FROM mail_outbox")
        .query().singleRow();
    assertThat(mail).containsEntry("KIND", "FEEDBACK_REPLY").containsEntry("RECIPIENT_EMAIL", "nguoidan@example.org");
    assertThat((String) mail.get("SUBJECT")).contains("PA-COMMUNE1");
    assertThat((String) mail.get("BODY_TEXT")).contains("Phản ánh: PA-COMMUNE1").contains("sửa đoạn đường")
        .doesNotContain("Tiểu dự án");
  }

  @Test
  void feedbackAboutACommuneThatWasMergedReachesTheLeadersOfTheCommuneItBecamePartOf() {
    when(directory.currentCommune("05740")).thenReturn("05799");
    receive("PA-MERGED01", FeedbackCategory.SUGGESTION, false, null);
    assertThat(taskQuery().singleResult()).hasCandidateGroup("commune05799");
    assertThat(taskService().getIdentityLinksForTask(taskQuery().singleResult().getId()))
        .noneMatch(link -> "commune05740".equals(link.getGroupId()));
  }

  @Test
  void anAnonymousQuestionIsAnsweredWithoutAMail() {
    ProcessInstance instance = receive("PA-ANON0001", FeedbackCategory.QUESTION, false, null);
    answer("leader1", "Đợt cấp vốn sau mở vào tháng 7");
    assertThat(instance).isEnded();
    assertThat(row("PA-ANON0001", "status")).isEqualTo("RESOLVED");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Long.class).single()).isZero();
  }

  @Test
  void feedbackAboutTheLeadersOrMisusedMoneyGoesToDwcAndUpToItsDirector() {
    receive("PA-LEADERS1", FeedbackCategory.COMPLAINT, true, null);
    assertThat(taskQuery().processInstanceBusinessKey("PA-LEADERS1").singleResult()).hasCandidateGroup("dwcOfficers");
    assertThat(row("PA-LEADERS1", "handler")).isEqualTo("DWC");

    ProcessInstance misuse = receive("PA-MISUSE01", FeedbackCategory.MISUSE, false, null);
    assertThat(taskQuery().processInstanceBusinessKey("PA-MISUSE01").singleResult()).hasCandidateGroup("dwcOfficers");
    execute(jobQuery().processInstanceId(misuse.getId()).activityId("BoundaryEvent_FeedbackOverdue").singleResult());
    assertThat(taskQuery().processInstanceBusinessKey("PA-MISUSE01").singleResult())
        .hasDefinitionKey(Element.HANDLE_ESCALATED).hasCandidateGroup("dwcDirectors");
  }

  @Test
  void aWaitingAnswerIsRemindedThenTakenOverOneLevelUpAndStillAnswered() {
    ProcessInstance instance = receive("PA-LATE0001", FeedbackCategory.SUGGESTION, false, null);

    execute(jobQuery().activityId("BoundaryEvent_FeedbackReminder").singleResult());
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.FEEDBACK_REMINDER
        && r.groups().equals(List.of("commune05740")) && "PA-LATE0001".equals(r.subprojectCode())));
    assertThat(instance).isWaitingAt(Element.HANDLE);
    verify(notifications, never()).request(argThat(r -> r.kind() == NotificationKind.FEEDBACK_ESCALATED));

    execute(jobQuery().activityId("BoundaryEvent_FeedbackOverdue").singleResult());
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.FEEDBACK_ESCALATED
        && r.groups().equals(List.of("dwcOfficers", "commune05740"))));
    assertThat(row("PA-LATE0001", "status")).isEqualTo("ESCALATED");
    assertThat(instance).isWaitingAt(Element.HANDLE_ESCALATED);
    assertThat(taskQuery().singleResult()).hasCandidateGroup("dwcOfficers");

    answer("officer1", "DWC đã làm việc với xã; góp ý được ghi vào kế hoạch năm sau");
    assertThat(instance).isEnded().hasPassed("ExclusiveGateway_FeedbackAnswered");
    assertThat(row("PA-LATE0001", "status")).isEqualTo("RESOLVED");
    assertThat(row("PA-LATE0001", "resolved_by")).isEqualTo("officer1");
  }

  @Test
  void nobodySignedInStartsFeedbackThroughTheEngine() {
    processEngine().getIdentityService().setAuthenticatedUserId("camundaAdmin");
    assertThatThrownBy(() -> receive("PA-FORGED01", FeedbackCategory.QUESTION, false, null))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("processDefinitionKey");
    assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
    verify(notifications, never()).request(any());
  }

  /** As the intake does: the row, then the process with what its handlers read. */
  private ProcessInstance receive(String reference, FeedbackCategory category, boolean aboutLeaders, String email) {
    jdbc.sql("""
        INSERT INTO community_feedback (reference, commune_code, category, about_leaders, body, channel, contact_email,
                                        status, received_at)
        VALUES (?, '05740', ?, ?, 'Đường xóm hỏng sau mưa lũ', 'PUBLIC_PAGE', ?, 'RECEIVED', ?)
        """).params(reference, category.name(), aboutLeaders, email, Timestamp.from(Instant.now())).update();
    Map<String, Object> v = new HashMap<>();
    v.put(Var.REFERENCE, reference);
    v.put(Var.CATEGORY, category.name());
    v.put(Var.CATEGORY_LABEL, category.name());
    v.put(Var.ABOUT_LEADERS, aboutLeaders);
    v.put(Var.TEXT, "Đường xóm hỏng sau mưa lũ");
    v.put(Var.COMMUNE_CODE, "05740");
    v.put(Var.COMMUNE_NAME, "Xã Hoàng Nông");
    v.put(Var.TITLE, "Khiếu nại — Xã Hoàng Nông");
    return runtimeService().startProcessInstanceByKey(FeedbackProcess.KEY, reference, v);
  }

  private void answer(String user, String reply) {
    String task = taskQuery().singleResult().getId();
    processEngine().getIdentityService().setAuthenticatedUserId(user);
    try {
      taskService().complete(task, Map.of(Var.REPLY, reply));
    } finally {
      processEngine().getIdentityService().clearAuthentication();
    }
  }

  private String row(String reference, String column) {
    return jdbc.sql("SELECT " + column + " FROM community_feedback WHERE reference = ?").param(reference)
        .query(String.class).single();
  }
}
