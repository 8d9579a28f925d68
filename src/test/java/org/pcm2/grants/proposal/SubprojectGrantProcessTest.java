package org.pcm2.grants.proposal;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.util.Date;
import java.time.Instant;
import org.pcm2.grants.access.TaskPeople;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.processEngine;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupKind;
import org.pcm2.grants.directory.GroupLocation;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.evaluation.EvaluationScoring;
import org.pcm2.grants.evaluation.ScoreEvaluationDelegate;
import org.pcm2.grants.funding.CloseGrantDelegate;
import org.pcm2.grants.funding.CommitGrantDelegate;
import org.pcm2.grants.funding.Envelope;
import org.pcm2.grants.funding.FundingCycle;
import org.pcm2.grants.funding.FundingCycles;
import org.pcm2.grants.funding.FundingPort;
import org.pcm2.grants.funding.FundingRefusedException;
import org.pcm2.grants.funding.GrantCommitment;
import org.pcm2.grants.funding.PlanTranchesDelegate;
import org.pcm2.grants.funding.PrepareTrancheDelegate;
import org.pcm2.grants.funding.RecordDisbursementDelegate;
import org.pcm2.grants.funding.ReleaseGrantDelegate;
import org.pcm2.grants.funding.TranchePlan;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.notification.NotificationPort;
import org.pcm2.grants.notification.NotificationRequest;
import org.pcm2.grants.notification.NotifyStep;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.audit.RecordDecisionListener;
import org.pcm2.grants.support.ProcessTestEngine;
import org.pcm2.grants.sector.Sector;
import org.pcm2.grants.sector.Sectors;
import org.pcm2.grants.directory.DwcTeams;
import org.pcm2.grants.system.Deadlines;
import org.pcm2.grants.system.InvalidInputException;

/**
 * Every path of the grant cycle on an in-memory engine with the real decision tables and
 * the real delegates; the directory, ledger, audit trail and notifications are mocks.
 */
@Deployment(resources = {"processes/subproject-grant.bpmn", "processes/proposal-screening.dmn", "processes/approval-routing.dmn",
    "processes/tranche-plan.dmn", "processes/evaluation-weights.dmn"})
class SubprojectGrantProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessTestEngine.withCoverageAtLeast(0.95);

  private static final String CODE = "TDA-2026-05740-001";
  private static final Place COMMUNE = new Place("05740", "171", PlaceKind.COMMUNE, "Xã Hoàng Nông");
  private static final CommunityGroup CBG = new CommunityGroup("CBG0574001", GroupKind.CBG,
      "Nhóm cộng đồng Xóm Đồng Tâm", "0574001", null, "facilitator1");
  private static final CommunityGroup STUDENTS = new CommunityGroup("HS05740", GroupKind.STUDENT_GROUP,
      "Nhóm học sinh nòng cốt Trường THCS Hoàng Nông", null, "THCS05740", "facilitator1");

  private final DirectoryService directory = mock(DirectoryService.class);
  private final SubprojectCodes codes = mock(SubprojectCodes.class);
  private final OpenSubprojects openSubprojects = mock(OpenSubprojects.class);
  private final AuditTrail auditTrail = mock(AuditTrail.class);
  private final FundingPort funding = mock(FundingPort.class);
  private final NotificationPort notifications = mock(NotificationPort.class);
  private final FundingCycles cycles = mock(FundingCycles.class);
  private final Attachments attachments = mock(Attachments.class);
  private final Sectors sectors = mock(Sectors.class);
  private final DwcTeams teams = mock(DwcTeams.class);
  /** The open cycles take proposals until a year from today, whenever the tests run. */
  private static final LocalDate OPEN_UNTIL = LocalDate.now().plusYears(1);

  @BeforeEach
  void wire() {
    when(directory.findGroup(CBG.code())).thenReturn(Optional.of(CBG));
    when(directory.findGroup(STUDENTS.code())).thenReturn(Optional.of(STUDENTS));
    when(directory.locate(CBG.code())).thenReturn(new GroupLocation(CBG, "0574001", "Xóm Đồng Tâm", COMMUNE));
    when(directory.locate(STUDENTS.code()))
        .thenReturn(new GroupLocation(STUDENTS, "THCS05740", "Trường THCS Hoàng Nông", COMMUNE));
    when(codes.next("05740")).thenReturn(CODE);
    // no team holds the province: each DWC step goes to the group of the role it asks for
    when(teams.groupFor(anyString(), eq("05740"))).thenAnswer(call -> call.getArgument(0));
    when(sectors.find("ROADS")).thenReturn(Optional.of(new Sector("ROADS", "Đường giao thông, lối đi",
        "Roads and paths", "m đường", "m of road or path", 1, true)));
    when(sectors.find("MARKETS")).thenReturn(Optional.of(new Sector("MARKETS", "Chợ", "Markets", "điểm chợ",
        "market places", 9, false)));
    when(attachments.count(anyString(), eq("MINUTES"))).thenReturn(1L); // the minutes are kept with it
    when(cycles.find("CM-2026-1")).thenReturn(Optional.of(new FundingCycle("CM-2026-1", "CM", "Quỹ QLCĐ 2026",
        LocalDate.of(2026, 7, 1), OPEN_UNTIL, "OPEN")));
    when(cycles.find("CM-2025-1")).thenReturn(Optional.of(new FundingCycle("CM-2025-1", "CM", "Quỹ QLCĐ 2025",
        LocalDate.of(2025, 7, 1), LocalDate.of(2026, 6, 30), "CLOSED")));
    when(cycles.find("SK-2026-1")).thenReturn(Optional.of(new FundingCycle("SK-2026-1", "INITIATIVE",
        "Quỹ sáng kiến 2026", LocalDate.of(2026, 7, 1), OPEN_UNTIL, "OPEN")));
    when(cycles.envelopeFor(eq("SK-2026-1"), anyString(), eq("05740")))
        .thenReturn(Optional.of(new Envelope("SK-2026-1", "05740", 30_000_000L, 0L)));
    when(cycles.envelopeFor(eq("CM-2026-1"), anyString(), eq("05740")))
        .thenReturn(Optional.of(new Envelope("CM-2026-1", "05740", 150_000_000L, 0L)));

    DecisionService decisions = processEngine().getDecisionService();
    Mocks.register("validateProposal",
        new ValidateProposalListener(new ProposalValidator(directory, new GrantLimits(decisions), cycles, sectors)));
    Mocks.register("registerProposalDelegate", new RegisterProposalDelegate(directory, codes, new EvidenceFiles(attachments),
        sectors));
    Mocks.register("screenProposalDelegate",
        new ScreenProposalDelegate(new ScreeningService(decisions), openSubprojects, attachments));
    Mocks.register("recordDecision", new RecordDecisionListener(auditTrail));
    Mocks.register("commitGrantDelegate", new CommitGrantDelegate(funding));
    Mocks.register("planTranchesDelegate", new PlanTranchesDelegate(new TranchePlan(decisions)));
    Mocks.register("prepareTrancheDelegate", new PrepareTrancheDelegate());
    Mocks.register("recordDisbursementDelegate", new RecordDisbursementDelegate(funding));
    Mocks.register("scoreEvaluationDelegate", new ScoreEvaluationDelegate(new EvaluationScoring(decisions)));
    Mocks.register("closeGrantDelegate", new CloseGrantDelegate(funding));
    Mocks.register("releaseGrantDelegate", new ReleaseGrantDelegate(funding));
    Mocks.register("notify", new NotifyStep(notifications));
    Mocks.register("deadlines", new Deadlines());
    Mocks.register("people", new TaskPeople(directory, teams));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    processEngine().getIdentityService().clearAuthentication();
  }

  // ---------------------------------------------------------------- happy paths

  @Test
  void communityProposalRunsFromSubmissionToClosureWithTwoTranches() {
    ProcessInstance instance = submit(proposal());

    Assertions.assertThat(instance.getBusinessKey()).isEqualTo(CODE);
    assertThat(instance).isWaitingAt(Element.REVIEW_PROPOSAL).variables()
        .containsEntry(Var.SCREENING_OUTCOME, "ELIGIBLE").containsEntry(Var.COMMUNE_CODE, "05740")
        .containsEntry(Var.FACILITATOR_ID, "facilitator1").containsEntry(Var.CONTRIBUTION_SHARE, 23.1);
    assertThat(task()).hasCandidateGroup("commune05740").isNotAssigned();

    decide("leader1", Map.of(Var.REVIEW_DECISION, "ENDORSE", Var.REVIEW_COMMENT, "Xã nhất trí"));
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.PROPOSAL_ENDORSED
        && r.users().equals(List.of("facilitator1"))));
    assertThat(task()).hasDefinitionKey(Element.APPRAISE_PROPOSAL).hasCandidateGroup("dwcOfficers");
    decide("officer1", Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 20_000_000L));

    verify(funding).commit(new GrantCommitment(CODE, "CM", "CM-2026-1", "0574001", "05740", 20_000_000L, "officer1"));
    assertThat(instance).variables().containsEntry(Var.TRANCHE_SHARES, "70/30").containsEntry(Var.TRANCHE_COUNT, 2);
    verifyNotified(NotificationKind.GRANT_APPROVED, 20_000_000L);

    payAndConfirmTranche(instance, 1, 14_000_000L);
    assertThat(task()).hasDefinitionKey(Element.SUBMIT_PROGRESS_REPORT).isAssignedTo("facilitator1");
    decide("facilitator1", Map.of(Var.PROGRESS_SUMMARY, "Đã xong phần móng", Var.PROGRESS_SPENT, 13_500_000L));
    assertThat(task()).hasDefinitionKey(Element.ACCEPT_PROGRESS_REPORT).hasCandidateGroup("dwcOfficers");
    decide("officer1", Map.of(Var.PROGRESS_DECISION, "ACCEPT"));
    payAndConfirmTranche(instance, 2, 6_000_000L);

    completeReportEvaluateAndClose(instance);

    assertThat(instance).isEnded().hasPassedInOrder(Element.REVIEW_PROPOSAL, Element.APPRAISE_PROPOSAL,
        Element.ROUTE_APPROVAL, Element.COMMIT_GRANT, Element.RECORD_DISBURSEMENT, Element.SUBMIT_PROGRESS_REPORT,
        Element.RECORD_DISBURSEMENT, Element.SUBMIT_COMPLETION_REPORT, Element.EVALUATE_RESULTS,
        Element.CLOSE_GRANT, Element.END_CLOSED).hasNotPassed(Element.APPROVE_AS_DIRECTOR);
    verify(funding).disburse(CODE, 1, 14_000_000L, "finance1");
    verify(funding).disburse(CODE, 2, 6_000_000L, "finance1");
    verify(funding).close(CODE, "officer1");
    verifyNotified(NotificationKind.SUBPROJECT_CLOSED, 20_000_000L);
    verify(notifications, times(2)).request(argThat(r -> r.kind() == NotificationKind.DISBURSEMENT_RECORDED));
    verify(auditTrail).append(argThat(e -> e.step().equals("DWC thẩm định") && e.outcome().equals("APPROVE")
        && e.actor().equals("officer1") && e.amount() == 20_000_000L && e.subprojectCode().equals(CODE)));
  }

  @Test
  void schoolProposalNamesTeacherAndStudentsAndGetsOneTranche() {
    Map<String, Object> school = proposal();
    school.put(Var.GROUP_CODE, STUDENTS.code());
    school.put(Var.REQUESTED_GRANT, 12_000_000L);
    school.put(Var.CORE_TEACHER, "Cô Lê Thị Hằng");
    school.put(Var.STUDENTS_GIRLS, 14L);
    school.put(Var.STUDENTS_BOYS, 11L);
    ProcessInstance instance = submit(school);

    assertThat(instance).isWaitingAt(Element.REVIEW_PROPOSAL).variables()
        .containsEntry(Var.UNIT_TYPE, "SCHOOL").containsEntry(Var.UNIT_NAME, "Trường THCS Hoàng Nông");
    decide("leader2", Map.of(Var.REVIEW_DECISION, "ENDORSE"));
    decide("officer2", Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 12_000_000L));
    assertThat(instance).variables().containsEntry(Var.TRANCHE_COUNT, 1);
    payAndConfirmTranche(instance, 1, 12_000_000L);
    completeReportEvaluateAndClose(instance);

    assertThat(instance).isEnded().hasPassed(Element.END_CLOSED).hasNotPassed(Element.SUBMIT_PROGRESS_REPORT);
    verify(funding).commit(new GrantCommitment(CODE, "CM", "CM-2026-1", "THCS05740", "05740", 12_000_000L, "officer2"));
  }

  @Test
  void directorApprovesGrantsAboveTheThreshold() {
    Map<String, Object> large = proposal();
    large.put(Var.REQUESTED_GRANT, 28_000_000L);
    large.put(Var.CONTRIBUTION_CASH, 5_000_000L);
    ProcessInstance instance = submit(large);
    decide("leader1", Map.of(Var.REVIEW_DECISION, "ENDORSE"));
    decide("officer1", Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 27_000_000L));

    assertThat(instance).isWaitingAt(Element.APPROVE_AS_DIRECTOR).variables()
        .containsEntry(Var.DIRECTOR_APPROVAL_REQUIRED, true);
    assertThat(task()).hasCandidateGroup("dwcDirectors");
    verify(funding, never()).commit(any());

    decide("director1", Map.of(Var.DIRECTOR_DECISION, "APPROVE"));
    verify(funding).commit(new GrantCommitment(CODE, "CM", "CM-2026-1", "0574001", "05740", 27_000_000L, "director1"));
    assertThat(task()).hasDefinitionKey(Element.RECORD_DISBURSEMENT_TASK).hasCandidateGroup("dwcFinance");
  }

  @Test
  void initiativeFundProposalTakesTheLighterPathTheTablesSet() {
    Map<String, Object> initiative = proposal();
    initiative.put(Var.FUND_CODE, "INITIATIVE");
    initiative.put(Var.CYCLE_CODE, "SK-2026-1");
    initiative.put(Var.REQUESTED_GRANT, 9_000_000L);
    ProcessInstance instance = submit(initiative);
    decide("leader1", Map.of(Var.REVIEW_DECISION, "ENDORSE"));
    decide("officer1", Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 9_000_000L));

    assertThat(instance).variables().containsEntry(Var.DIRECTOR_APPROVAL_REQUIRED, false)
        .containsEntry(Var.TRANCHE_SHARES, "100");
    payAndConfirmTranche(instance, 1, 9_000_000L);
    completeReportEvaluateAndClose(instance);
    assertThat(instance).isEnded().hasPassed(Element.END_CLOSED)
        .hasNotPassed(Element.APPROVE_AS_DIRECTOR, Element.SUBMIT_PROGRESS_REPORT);
    verify(funding).commit(new GrantCommitment(CODE, "INITIATIVE", "SK-2026-1", "0574001", "05740", 9_000_000L,
        "officer1"));
  }

  @Test
  void initiativeFundCapIsLowerThanTheCmFund() {
    Map<String, Object> initiative = proposal();
    initiative.put(Var.FUND_CODE, "INITIATIVE");
    initiative.put(Var.CYCLE_CODE, "SK-2026-1");
    initiative.put(Var.REQUESTED_GRANT, 10_000_001L);
    processEngine().getIdentityService().setAuthenticatedUserId("facilitator1");
    assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(SubprojectGrantProcess.KEY, initiative))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(Var.REQUESTED_GRANT)
        .hasMessageContaining("10.000.000 ₫");
  }

  @Test
  void aCycleTakesProposalsOnlyBetweenItsOpeningAndClosingDays() {
    processEngine().getIdentityService().setAuthenticatedUserId("facilitator1");
    try {
      // the day before it opens, Vietnam time (17:00 UTC is already the next day there)
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-30T16:59:00Z")));
      assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(SubprojectGrantProcess.KEY, proposal()))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining(Var.CYCLE_CODE)
          .hasMessageContaining("chỉ nhận đề xuất từ 01/07/2026").hasMessageContaining("takes proposals only from");
      org.assertj.core.api.Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
      ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-30T17:00:00Z")));
      assertThat(runtimeService().startProcessInstanceByKey(SubprojectGrantProcess.KEY, proposal())).isNotNull();
    } finally {
      ClockUtil.reset();
    }
  }

  // ---------------------------------------------------------------- screening

  @Test
  void screeningAsksForRevisionAndTheResubmissionIsScreenedAgain() {
    when(attachments.count(CODE, "MINUTES")).thenReturn(0L); // no file of the minutes
    ProcessInstance instance = submit(proposal());

    assertThat(instance).isWaitingAt(Element.REVISE_PROPOSAL).variables()
        .containsEntry(Var.SCREENING_OUTCOME, "NEEDS_REVISION");
    assertThat(task()).isAssignedTo("facilitator1");
    Assertions.assertThat((String) runtimeService().getVariable(instance.getId(), Var.REVISION_REASONS))
        .contains("biên bản họp");

    when(attachments.count(CODE, "MINUTES")).thenReturn(1L); // uploaded with the revision
    decide("facilitator1", Map.of(Var.REVISION_NOTE, "Đã bổ sung biên bản"));
    assertThat(instance).isWaitingAt(Element.REVIEW_PROPOSAL).variables()
        .containsEntry(Var.SCREENING_OUTCOME, "ELIGIBLE");
    Assertions.assertThat(instance.getBusinessKey()).isEqualTo(CODE);
    verify(codes, times(1)).next("05740");
  }

  @Test
  void screeningFindsTheGroupIneligibleWhenItHasAnOpenSubproject() {
    when(openSubprojects.countOthers(eq(CBG.code()), eq("CM-2026-1"), anyString())).thenReturn(1L);
    ProcessInstance instance = submit(proposal());

    assertThat(instance).isEnded().hasPassed(Element.END_INELIGIBLE).variables()
        .containsEntry(Var.SCREENING_OUTCOME, "INELIGIBLE");
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.PROPOSAL_INELIGIBLE
        && r.users().equals(List.of("facilitator1"))));
  }

  @Test
  void resubmissionWithWrongFieldsIsRefusedAndTheTaskStaysOpen() {
    when(attachments.count(CODE, "MINUTES")).thenReturn(0L);
    submit(proposal());
    String taskId = task().getId();

    assertRefused(() -> taskService().complete(taskId, Map.of(Var.REQUESTED_GRANT, -5L)), Var.REQUESTED_GRANT);
    assertThat(task()).hasDefinitionKey(Element.REVISE_PROPOSAL);
  }

  // ---------------------------------------------------------------- commune review

  @Test
  void leaderAsksForRevisionAndTheFacilitatorResubmits() {
    ProcessInstance instance = submit(proposal());
    decide("leader1", Map.of(Var.REVIEW_DECISION, "REVISE", Var.REVIEW_COMMENT, "Cần thêm ngày công đối ứng"));

    assertThat(instance).isWaitingAt(Element.REVISE_PROPOSAL);
    assertThat(task()).isAssignedTo("facilitator1");
    Assertions.assertThat((String) runtimeService().getVariable(instance.getId(), Var.REVISION_REASONS))
        .contains("Cần thêm ngày công đối ứng");

    decide("facilitator1", Map.of(Var.CONTRIBUTION_LABOUR, 4_000_000L));
    assertThat(instance).isWaitingAt(Element.REVIEW_PROPOSAL).variables().containsEntry(Var.CONTRIBUTION_TOTAL, 8_000_000L);
  }

  @Test
  void leaderRejectsWithAReason() {
    ProcessInstance instance = submit(proposal());
    decide("leader1", Map.of(Var.REVIEW_DECISION, "REJECT", Var.REVIEW_COMMENT, "Trùng với kế hoạch của xã"));

    assertThat(instance).isEnded().hasPassed(Element.END_REJECTED).variables()
        .containsEntry(Var.REJECTION_REASON, "Xã xem xét đề xuất: Trùng với kế hoạch của xã");
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.PROPOSAL_REJECTED
        && r.groups().equals(List.of("commune05740")) && r.users().equals(List.of("facilitator1"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"REVISE", "REJECT"})
  void sendingBackOrRejectingWithoutACommentIsRefused(String decision) {
    submit(proposal());
    String taskId = task().getId();

    assertRefused(() -> taskService().complete(taskId, Map.of(Var.REVIEW_DECISION, decision)), Var.REVIEW_COMMENT);
    assertThat(task()).hasDefinitionKey(Element.REVIEW_PROPOSAL);
    verify(auditTrail, never()).append(any());
  }

  @Test
  void unknownDecisionValueIsRefused() {
    submit(proposal());
    String taskId = task().getId();
    assertRefused(() -> taskService().complete(taskId, Map.of(Var.REVIEW_DECISION, "MAYBE")), Var.REVIEW_DECISION);
  }

  // ---------------------------------------------------------------- DWC approval

  @Test
  void dwcRejects() {
    ProcessInstance instance = startAt(Element.APPRAISE_PROPOSAL);
    decide("officer1", Map.of(Var.APPRAISAL_DECISION, "REJECT", Var.APPRAISAL_COMMENT, "Ngoài phạm vi của quỹ"));
    assertThat(instance).isEnded().hasPassed(Element.END_REJECTED);
    verify(funding, never()).commit(any());
  }

  @Test
  void dwcAsksForRevision() {
    ProcessInstance instance = startAt(Element.APPRAISE_PROPOSAL);
    decide("officer1", Map.of(Var.APPRAISAL_DECISION, "REVISE", Var.APPRAISAL_COMMENT, "Tách rõ chi phí vật liệu"));
    assertThat(instance).isWaitingAt(Element.REVISE_PROPOSAL);
    assertThat(task()).isAssignedTo("facilitator1");
  }

  @Test
  void approvedAmountAboveTheRequestIsRefused() {
    startAt(Element.APPRAISE_PROPOSAL);
    String taskId = task().getId();
    assertRefused(() -> taskService().complete(taskId,
        Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 20_000_001L)), Var.APPROVED_GRANT);
    verify(funding, never()).commit(any());
  }

  @Test
  void approvalThatTheEnvelopeCannotTakeLeavesTheTaskOpen() {
    org.mockito.Mockito.doThrow(new FundingRefusedException("Vượt hạn mức: còn 5.000.000 ₫"))
        .when(funding).commit(any());
    ProcessInstance instance = startAt(Element.APPRAISE_PROPOSAL);
    String taskId = task().getId();

    assertThatThrownBy(() -> taskService().complete(taskId,
        Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 20_000_000L)))
        .isInstanceOf(FundingRefusedException.class).hasMessageContaining("5.000.000 ₫");
    assertThat(instance).isWaitingAt(Element.APPRAISE_PROPOSAL);
  }

  @Test
  void directorAsksForRevision() {
    ProcessInstance instance = startAt(Element.APPROVE_AS_DIRECTOR);
    decide("director1", Map.of(Var.DIRECTOR_DECISION, "REVISE", Var.DIRECTOR_COMMENT, "Giảm chi phí khảo sát"));
    assertThat(instance).isWaitingAt(Element.REVISE_PROPOSAL);
  }

  @Test
  void directorRejects() {
    ProcessInstance instance = startAt(Element.APPROVE_AS_DIRECTOR);
    decide("director1", Map.of(Var.DIRECTOR_DECISION, "REJECT", Var.DIRECTOR_COMMENT, "Không phù hợp"));
    assertThat(instance).isEnded().hasPassed(Element.END_REJECTED);
  }

  // ---------------------------------------------------------------- disbursement and closure

  @Test
  void progressReportSentBackIsReportedAgain() {
    ProcessInstance instance = startAt(Element.ACCEPT_PROGRESS_REPORT);
    decide("officer1", Map.of(Var.PROGRESS_DECISION, "RETURN", Var.PROGRESS_COMMENT, "Thiếu chứng từ chi"));
    assertThat(instance).isWaitingAt(Element.SUBMIT_PROGRESS_REPORT);
    assertThat(task()).isAssignedTo("facilitator1");
  }

  @Test
  void disbursementBeyondTheCommitmentIsRefusedAndTheTaskStaysOpen() {
    org.mockito.Mockito.doThrow(new FundingRefusedException("Vượt số vốn đã cam kết"))
        .when(funding).disburse(anyString(), anyInt(), anyLong(), anyString());
    ProcessInstance instance = startAt(Element.RECORD_DISBURSEMENT_TASK);
    String taskId = task().getId();
    assertThatThrownBy(() -> taskService().complete(taskId,
        Map.of(Var.PAYMENT_DATE, "2027-01-10", Var.PAYMENT_REFERENCE, "UNC-0001")))
        .isInstanceOf(FundingRefusedException.class);
    assertThat(instance).isWaitingAt(Element.RECORD_DISBURSEMENT_TASK);
  }

  @Test
  void closureReturnsTheCompletionReportToTheFacilitator() {
    ProcessInstance instance = startAt(Element.CLOSE_SUBPROJECT);
    decide("officer1", Map.of(Var.CLOSURE_DECISION, "RETURN", Var.CLOSURE_COMMENT, "Bổ sung hóa đơn"));
    assertThat(instance).isWaitingAt(Element.SUBMIT_COMPLETION_REPORT);
    assertThat(task()).isAssignedTo("facilitator1");
  }

  // ---------------------------------------------------------------- timers

  @Test
  void reviewWaitingTooLongRemindsTheLeadersThenEscalatesToDwc() {
    ProcessInstance instance = submit(proposal());
    execute(job(Element.BOUNDARY_REVIEW_REMINDER));
    verifyNotified(NotificationKind.REVIEW_REMINDER, null);
    execute(job(Element.BOUNDARY_REVIEW_ESCALATION));
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.REVIEW_ESCALATION
        && r.groups().equals(List.of("dwcOfficers", "commune05740"))));
    assertThat(instance).isWaitingAt(Element.REVIEW_PROPOSAL)
        .hasPassed(Element.END_REVIEW_REMINDED, Element.END_REVIEW_ESCALATED);
  }

  @Test
  void revisionNotResubmittedInTimeWithdrawsTheProposal() {
    ProcessInstance instance = startAt(Element.REVISE_PROPOSAL);
    execute(job(Element.BOUNDARY_REVISION_OVERDUE));
    assertThat(instance).isEnded().hasPassed(Element.END_WITHDRAWN);
    verifyNotified(NotificationKind.PROPOSAL_WITHDRAWN, null);
  }

  @Test
  void completionReportIsRemindedBeforeAndAfterThePlannedEnd() {
    ProcessInstance instance = startAt(Element.SUBMIT_COMPLETION_REPORT);
    Assertions.assertThat(task().getDueDate()).isEqualTo(new Deadlines().completionDue("2027-05-31"));
    execute(job(Element.BOUNDARY_COMPLETION_REMINDER));
    execute(job(Element.BOUNDARY_COMPLETION_ESCALATION));
    verifyNotified(NotificationKind.COMPLETION_REMINDER, null);
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.COMPLETION_OVERDUE
        && r.users().equals(List.of("facilitator1")) && r.groups().equals(List.of("dwcOfficers"))));
    assertThat(instance).isWaitingAt(Element.SUBMIT_COMPLETION_REPORT);
  }

  @Test
  void evaluationWaitingTooLongRemindsThenEscalates() {
    ProcessInstance instance = startAt(Element.EVALUATE_RESULTS);
    assertThat(task()).hasCandidateGroup("commune05740");
    execute(job(Element.BOUNDARY_EVALUATION_REMINDER));
    execute(job(Element.BOUNDARY_EVALUATION_ESCALATION));
    verifyNotified(NotificationKind.EVALUATION_REMINDER, null);
    verifyNotified(NotificationKind.EVALUATION_ESCALATION, null);
    assertThat(instance).isWaitingAt(Element.EVALUATE_RESULTS);
  }

  // ---------------------------------------------------------------- cancellation

  @ParameterizedTest
  @ValueSource(strings = {Element.REVIEW_PROPOSAL, Element.REVISE_PROPOSAL, Element.APPRAISE_PROPOSAL,
      Element.APPROVE_AS_DIRECTOR, Element.RECORD_DISBURSEMENT_TASK, Element.CONFIRM_RECEIPT,
      Element.SUBMIT_PROGRESS_REPORT, Element.ACCEPT_PROGRESS_REPORT, Element.SUBMIT_COMPLETION_REPORT,
      Element.EVALUATE_RESULTS, Element.CLOSE_SUBPROJECT})
  void dwcCancelsAtAnyStageAndTheCommitmentIsReleased(String stage) {
    ProcessInstance instance = startAt(stage);
    new SubprojectCancellation(runtimeService()).cancel(CODE, "officer2", "Nhóm giải thể");

    // the step it waited at was broken off, not finished: it left no way to any other end
    Assertions.assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(stage).list()).as("%s broken off", stage).singleElement()
        .satisfies(step -> Assertions.assertThat(step.isCanceled()).isTrue());
    assertThat(instance).isEnded().hasPassed(Element.RELEASE_GRANT, Element.END_CANCELLED)
        .hasNotPassed(Element.END_CLOSED, Element.END_REJECTED, Element.END_WITHDRAWN, Element.END_INELIGIBLE);
    verify(funding).release(CODE, "officer2", "Nhóm giải thể");
    verifyNotified(NotificationKind.SUBPROJECT_CANCELLED, null);
  }

  @Test
  void cancellingWithoutAReasonIsRefused() {
    ProcessInstance instance = startAt(Element.REVIEW_PROPOSAL);
    assertThatThrownBy(() -> new SubprojectCancellation(runtimeService()).cancel(CODE, "officer2", " "))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(Var.CANCEL_REASON);
    assertThat(instance).isWaitingAt(Element.REVIEW_PROPOSAL);
  }

  // ---------------------------------------------------------------- bad input at the start

  static Stream<Arguments> badProposals() {
    return Stream.of(
        Arguments.of(Var.TITLE, null),
        Arguments.of(Var.TITLE, "Ngắn"),
        Arguments.of(Var.FUND_CODE, null),
        Arguments.of(Var.FUND_CODE, "UNKNOWN"),
        Arguments.of(Var.CYCLE_CODE, "đợt 1"),
        Arguments.of(Var.CYCLE_CODE, "CM-2099-9"),
        Arguments.of(Var.CYCLE_CODE, "CM-2025-1"),
        Arguments.of(Var.GROUP_CODE, null),
        Arguments.of(Var.GROUP_CODE, "CBG9999999"),
        Arguments.of(Var.REQUESTED_GRANT, null),
        Arguments.of(Var.REQUESTED_GRANT, -1L),
        Arguments.of(Var.REQUESTED_GRANT, 0L),
        Arguments.of(Var.REQUESTED_GRANT, 30_000_001L),
        Arguments.of(Var.REQUESTED_GRANT, 1_500_000.5),
        Arguments.of(Var.CONTRIBUTION_CASH, -100L),
        Arguments.of(Var.PLANNED_END, "2026-11-30"),
        Arguments.of(Var.PLANNED_START, "31/12/2026"),
        Arguments.of(Var.BENEFICIARIES_WOMEN, -3L),
        Arguments.of(Var.OBJECTIVES, "x".repeat(4001)),
        Arguments.of(Var.SECTOR_CODE, null),
        Arguments.of(Var.SECTOR_CODE, "MINING"),
        Arguments.of(Var.SECTOR_CODE, "MARKETS"), // retired: takes no new proposal
        Arguments.of(Var.OUTPUT_PLANNED, null),
        Arguments.of(Var.OUTPUT_PLANNED, 0L),
        Arguments.of(Var.OUTPUT_PLANNED, -5L),
        Arguments.of(Var.OUTPUT_PLANNED, 2.5));
  }

  @ParameterizedTest
  @MethodSource("badProposals")
  void badProposalNeverStartsAndTheErrorNamesTheField(String field, Object value) {
    Map<String, Object> bad = proposal();
    bad.put(field, value);
    processEngine().getIdentityService().setAuthenticatedUserId("facilitator1");

    assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(SubprojectGrantProcess.KEY, bad))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining(field);
    Assertions.assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
    Assertions.assertThat(processEngine().getHistoryService().createHistoricProcessInstanceQuery().count()).isZero();
  }

  @Test
  void studentGroupWithoutTeacherOrStudentsIsRefused() {
    Map<String, Object> school = proposal();
    school.put(Var.GROUP_CODE, STUDENTS.code());
    processEngine().getIdentityService().setAuthenticatedUserId("facilitator1");
    assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(SubprojectGrantProcess.KEY, school))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(Var.CORE_TEACHER).hasMessageContaining(Var.STUDENTS_GIRLS);
  }

  // ---------------------------------------------------------------- helpers

  /** A complete, valid proposal of the Đồng Tâm hamlet group: 20 million requested, 6 million contributed. */
  private static Map<String, Object> proposal() {
    Map<String, Object> v = new HashMap<>();
    v.put(Var.TITLE, "Bê tông hóa đường liên xóm Đồng Tâm");
    v.put(Var.FUND_CODE, "CM");
    v.put(Var.CYCLE_CODE, "CM-2026-1");
    v.put(Var.GROUP_CODE, CBG.code());
    v.put(Var.SECTOR_CODE, "ROADS");
    v.put(Var.OUTPUT_PLANNED, 300L);
    v.put(Var.OBJECTIVES, "Đi lại an toàn mùa mưa cho 75 hộ");
    v.put(Var.ACTIVITIES, "Họp dân, mua vật liệu, thi công 300 m");
    v.put(Var.REQUESTED_GRANT, 20_000_000L);
    v.put(Var.CONTRIBUTION_CASH, 3_000_000L);
    v.put(Var.CONTRIBUTION_LABOUR, 2_000_000L);
    v.put(Var.CONTRIBUTION_MATERIALS, 1_000_000L);
    v.put(Var.PLANNED_START, "2026-12-01");
    v.put(Var.PLANNED_END, "2027-05-31");
    v.put(Var.BENEFICIARIES_WOMEN, 40L);
    v.put(Var.BENEFICIARIES_MEN, 35L);
    return v;
  }

  /** The variables a registered, approved sub-project has, for starting before a later step. */
  private static Map<String, Object> registered() {
    Map<String, Object> v = proposal();
    v.put(Var.SUBPROJECT_CODE, CODE);
    v.put(Var.FACILITATOR_ID, "facilitator1");
    v.put(Var.COMMUNE_CODE, "05740");
    v.put(Var.COMMUNE_NAME, "Xã Hoàng Nông");
    v.put(Var.COMMUNE_LEADERS_GROUP, "commune05740");
    v.put(Var.UNIT_TYPE, "HAMLET");
    v.put(Var.APPROVED_GRANT, 20_000_000L);
    v.put(Var.TRANCHE_SHARES, "70/30");
    v.put(Var.TRANCHE_COUNT, 2);
    v.put(Var.TRANCHE_NUMBER, 2);
    v.put(Var.TRANCHE_AMOUNT, 6_000_000L);
    v.put(Var.DISBURSED_TOTAL, 14_000_000L);
    return v;
  }

  private ProcessInstance submit(Map<String, Object> variables) {
    processEngine().getIdentityService().setAuthenticatedUserId("facilitator1");
    try {
      ProcessInstance instance = runtimeService().startProcessInstanceByKey(SubprojectGrantProcess.KEY, variables);
      assertThat(instance).isStarted(); // makes task() and job() look at this instance
      return instance;
    } finally {
      processEngine().getIdentityService().clearAuthentication();
    }
  }

  private ProcessInstance startAt(String activityId) {
    ProcessInstance instance = runtimeService().createProcessInstanceByKey(SubprojectGrantProcess.KEY).businessKey(CODE)
        .startBeforeActivity(activityId).setVariables(registered()).execute();
    assertThat(instance).isWaitingAt(activityId); // makes task() and job() look at this instance
    return instance;
  }

  @Test
  void dwcStepsGoToTheTeamOfTheSubprojectsProvince() {
    when(teams.groupFor(anyString(), eq("05740"))).thenAnswer(call -> call.getArgument(0) + "Mekong");
    submit(proposal());
    decide("leader1", Map.of(Var.REVIEW_DECISION, "ENDORSE", Var.REVIEW_COMMENT, "Xã nhất trí"));

    assertThat(task()).hasDefinitionKey(Element.APPRAISE_PROPOSAL).hasCandidateGroup("dwcOfficersMekong");
    verify(teams).groupFor("dwcOfficers", "05740");
  }

  /** Completes the current task as the given user, who claims it first as in the Tasklist. */
  private void decide(String user, Map<String, Object> variables) {
    String taskId = task().getId();
    if (task().getAssignee() == null) {
      taskService().claim(taskId, user);
    }
    processEngine().getIdentityService().setAuthenticatedUserId(user);
    try {
      taskService().complete(taskId, variables);
    } finally {
      processEngine().getIdentityService().clearAuthentication();
    }
  }

  private void payAndConfirmTranche(ProcessInstance instance, int number, long amount) {
    assertThat(instance).isWaitingAt(Element.RECORD_DISBURSEMENT_TASK).variables()
        .containsEntry(Var.TRANCHE_NUMBER, number).containsEntry(Var.TRANCHE_AMOUNT, amount);
    assertThat(task()).hasCandidateGroup("dwcFinance");
    decide("finance1", Map.of(Var.PAYMENT_DATE, "2027-01-1" + number, Var.PAYMENT_REFERENCE, "UNC-000" + number));
    assertThat(task()).hasDefinitionKey(Element.CONFIRM_RECEIPT).isAssignedTo("facilitator1");
    decide("facilitator1", Map.of(Var.RECEIPT_DATE, "2027-01-1" + (number + 2)));
  }

  private void completeReportEvaluateAndClose(ProcessInstance instance) {
    assertThat(instance).isWaitingAt(Element.SUBMIT_COMPLETION_REPORT);
    assertThat(task()).isAssignedTo("facilitator1");
    Map<String, Object> report = new HashMap<>(Map.of(Var.ACTUAL_SPENDING, 19_800_000L,
        Var.CONTRIBUTION_MOBILISED, 6_500_000L, Var.WOMEN_REACHED, 42L, Var.MEN_REACHED, 37L,
        Var.COMPLETION_SUMMARY, "Hoàn thành 300 m đường", Var.OUTPUT_ACHIEVED, 300L,
        Var.MAINTENANCE_GROUP, "Tổ bảo trì đường thôn"));
    if ("SCHOOL".equals(runtimeService().getVariable(instance.getId(), Var.UNIT_TYPE))) {
      // a school's report without its girls and boys reached is refused, naming both
      assertThatThrownBy(() -> decide("facilitator1", report)).hasMessageContaining(Var.STUDENTS_GIRLS_REACHED)
          .hasMessageContaining(Var.STUDENTS_BOYS_REACHED);
      report.put(Var.STUDENTS_GIRLS_REACHED, 14L);
      report.put(Var.STUDENTS_BOYS_REACHED, 9L);
    }
    decide("facilitator1", report);
    assertThat(task()).hasDefinitionKey(Element.EVALUATE_RESULTS).hasCandidateGroup("commune05740");
    decide("leader1", Map.of("scoreResults", 5L, "scoreParticipation", 4L, "scoreTransparency", 4L,
        "scoreQuality", 5L, "scoreSustainability", 3L, Var.COMMUNITY_FEEDBACK, "Bà con rất hài lòng"));
    // (5*30 + 4*25 + 4*20 + 5*15 + 3*10) / 5 = 87.0 out of 100
    assertThat(instance).variables().containsEntry(Var.EVALUATION_SCORE, 87.0);
    assertThat(task()).hasDefinitionKey(Element.CLOSE_SUBPROJECT).hasCandidateGroup("dwcOfficers");
    decide("officer1", Map.of(Var.CLOSURE_DECISION, "CLOSE", Var.CLOSURE_COMMENT, "Quyết toán đầy đủ"));
  }

  private void verifyNotified(NotificationKind kind, Long amount) {
    verify(notifications, atLeastOnce()).request(argThat((NotificationRequest r) -> r.kind() == kind
        && (amount == null || amount.equals(r.amount())) && CODE.equals(r.subprojectCode())));
  }

  /**
   * The call is refused with {@link InvalidInputException} naming the field. The engine
   * wraps what a task listener throws, so the refusal may be a cause of what arrives.
   */
  private static void assertRefused(ThrowingCallable call, String field) {
    Throwable thrown = Assertions.catchThrowable(call);
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof InvalidInputException)) {
      cause = cause.getCause();
    }
    Assertions.assertThat(cause).as("refusal in %s", thrown).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(field);
  }
}
