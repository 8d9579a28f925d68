package org.pcm2.grants.award;

import org.pcm2.grants.grantcycle.AwardRoundProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.processEngine;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Element;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.funding.FundingCycles;
import org.pcm2.grants.funding.FundingPort;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.notification.NotificationPort;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.support.ProcessTestEngine;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of the award round on an in-memory engine with the real tier table and the
 * real round service on its own H2 database (the application's migrations); the ledger
 * port, the audit trail and the notifications are mocks.
 */
@Deployment(resources = {"processes/award-round.bpmn", "processes/award-tiers.dmn"})
class AwardRoundProcessTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE = ProcessTestEngine.withCoverageAtLeast(0.95);

  private static final String CYCLE = "CM-2026-1";
  private static final String ROUND = "XT-CM-2026-1-01";
  private static final String EXCELLENT = "TDA-2026-05740-001"; // 92 points, 50 % women: tier A, 10 M
  private static final String GOOD = "TDA-2026-05740-002"; // 85 points: tier B, 7 M
  private static final String WEAK = "TDA-2026-05743-001"; // 60 points: no tier

  private final FundingPort funding = mock(FundingPort.class);
  private final NotificationPort notifications = mock(NotificationPort.class);
  private final AuditTrail auditTrail = mock(AuditTrail.class);
  private JdbcClient jdbc;
  private AwardRounds rounds;

  @BeforeEach
  void wire() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:award-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
        .load().migrate();
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("""
        INSERT INTO funding_cycle (code, fund_code, name, opens_on, closes_on, status, created_by, created_at)
        VALUES (?, 'CM', 'Quỹ QLCĐ 2026', DATE '2026-07-01', DATE '2027-06-30', 'OPEN', 'system', ?)
        """).params(CYCLE, Timestamp.from(Instant.now())).update();

    rounds = new AwardRounds(jdbc, new FundingCycles(jdbc), funding,
        new AwardTiers(processEngine().getDecisionService()));
    AwardNotices notices = new AwardNotices(notifications);
    Mocks.register("awardRounds", rounds);
    Mocks.register("validateAwardRound", new ValidateAwardRoundListener(rounds));
    Mocks.register("openAwardRoundDelegate", new OpenAwardRoundDelegate(rounds));
    Mocks.register("roundWithoutCandidatesDelegate", new RoundWithoutCandidatesDelegate(rounds, notices));
    Mocks.register("selectWinners", new SelectWinnersListener(rounds, auditTrail));
    Mocks.register("decideAwardList", new AwardListDecisionListener(auditTrail));
    Mocks.register("announceAwardsDelegate", new AnnounceAwardsDelegate(rounds, notices));
    Mocks.register("payAward", new AwardPaymentListener(rounds, notices, auditTrail));
    Mocks.register("closeAwardRoundDelegate", new CloseAwardRoundDelegate(rounds, notices));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    processEngine().getIdentityService().clearAuthentication();
  }

  // ---------------------------------------------------------------- paths

  @Test
  void roundRunsFromOpeningToClosureWithTheProposedAwards() {
    closedSubproject(EXCELLENT, 92.0, 60, 60, "05740", "Xã Hoàng Nông");
    closedSubproject(GOOD, 85.0, 30, 70, "05740", "Xã Hoàng Nông");
    closedSubproject(WEAK, 60.0, 50, 50, "05743", "Xã La Bằng");
    closedSubproject("TDA-2025-05740-009", 99.0, 50, 50, "05740", "Xã Hoàng Nông", "CM-2025-1"); // another cycle

    ProcessInstance instance = open(30_000_000L);

    Assertions.assertThat(instance.getBusinessKey()).isEqualTo(ROUND);
    assertThat(instance).isWaitingAt(Element.SELECT_WINNERS).variables()
        .containsEntry(Var.CANDIDATE_COUNT, 3).containsEntry(Var.PROPOSED_TOTAL, 17_000_000L)
        .containsEntry(Var.ROUND_CODE, ROUND);
    assertThat(taskQuery().singleResult()).hasCandidateGroup("dwcOfficers");
    String selection = (String) runtimeService().getVariable(instance.getId(), Var.AWARD_SELECTION);
    assertThat(selection.lines().toList()).hasSize(3);
    assertThat(selection.lines().findFirst().orElseThrow()).startsWith(EXCELLENT + " = 10.000.000   # hạng (tier) A");
    assertThat((String) runtimeService().getVariable(instance.getId(), Var.CANDIDATE_LIST))
        .contains("1. " + EXCELLENT, "Điểm đánh giá (score) 92,0", "nữ hưởng lợi (women reached) 50,0 %",
            "3. " + WEAK, "không xếp hạng");

    complete("officer1", Map.of(Var.AWARD_SELECTION, selection, Var.SELECTION_COMMENT, "Theo đề xuất"));
    assertThat(taskQuery().singleResult()).hasDefinitionKey(Element.APPROVE_AWARD_LIST)
        .hasCandidateGroup("dwcDirectors");
    assertThat(instance).variables().containsEntry(Var.SELECTED_TOTAL, 17_000_000L).containsEntry(Var.WINNER_COUNT, 2);

    // the Tasklist sends the form's read-only figures back, whole numbers as Integer when they fit
    complete("director1", Map.of(Var.AWARD_LIST_DECISION, "APPROVE", Var.SELECTED_TOTAL, 17_000_000,
        Var.BUDGET, 30_000_000, Var.WINNER_COUNT, 2));
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.AWARD_GRANTED
        && r.subprojectCode().equals(EXCELLENT) && r.amount() == 10_000_000L
        && r.users().equals(List.of("facilitator1")) && r.groups().equals(List.of("commune05740"))));
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.AWARD_GRANTED
        && r.subprojectCode().equals(GOOD) && r.amount() == 7_000_000L));
    assertThat(rounds.find(ROUND).orElseThrow().status()).isEqualTo(AwardRound.APPROVED);

    List<Task> payments = taskQuery().taskDefinitionKey(Element.PAY_AWARD).list();
    assertThat(payments).hasSize(2).allSatisfy(t -> assertThat(t).hasCandidateGroup("dwcFinance"));
    for (Task payment : payments) {
      String code = (String) taskService().getVariable(payment.getId(), Var.AWARD_SUBPROJECT);
      assertThat(taskService().getVariablesLocal(payment.getId())).containsKeys(Var.AWARD_TITLE, Var.AWARD_COMMUNE)
          .containsEntry(Var.AWARD_AMOUNT, EXCELLENT.equals(code) ? 10_000_000L : 7_000_000L);
      completeTask(payment, "finance1", Map.of(Var.PAYMENT_DATE, LocalDate.now().toString(),
          Var.PAYMENT_REFERENCE, "UNC-" + code));
    }
    executeJobs();

    assertThat(instance).isEnded().hasPassedInOrder(Element.OPEN_ROUND, Element.SELECT_WINNERS,
        Element.APPROVE_AWARD_LIST, Element.ANNOUNCE_AWARDS, Element.PAY_AWARD, Element.CLOSE_ROUND,
        Element.END_CLOSED);
    verify(funding).payAward(ROUND, EXCELLENT, 10_000_000L, "finance1", "UNC-" + EXCELLENT);
    verify(funding).payAward(ROUND, GOOD, 7_000_000L, "finance1", "UNC-" + GOOD);
    verify(funding, never()).payAward(anyString(), eq(WEAK), anyLong(), anyString(), anyString());
    verify(notifications, times(2)).request(argThat(r -> r.kind() == NotificationKind.AWARD_PAID));
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.AWARD_ROUND_CLOSED
        && r.amount() == 17_000_000L && r.groups().equals(List.of("dwcOfficers"))));
    AwardRound closed = rounds.find(ROUND).orElseThrow();
    assertThat(closed.status()).isEqualTo(AwardRound.CLOSED);
    assertThat(closed.selected()).isEqualTo(17_000_000L);
    assertThat(closed.paid()).isEqualTo(17_000_000L);
    assertThat(rounds.awards(ROUND)).filteredOn(Award::isPaid).extracting(Award::paidBy).containsOnly("finance1");
  }

  @Test
  void roundWithoutCandidatesEndsWithANoticeToDwc() {
    closedSubproject(EXCELLENT, 92.0, 60, 60, "05740", "Xã Hoàng Nông", "CM-2025-1");

    ProcessInstance instance = open(30_000_000L);

    assertThat(instance).isEnded().hasPassed(Element.NOTIFY_NO_CANDIDATES, Element.END_NO_CANDIDATES)
        .hasNotPassed(Element.SELECT_WINNERS);
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.AWARD_ROUND_EMPTY
        && r.subprojectCode().equals(ROUND) && r.groups().equals(List.of("dwcOfficers"))));
    assertThat(rounds.find(ROUND).orElseThrow().status()).isEqualTo(AwardRound.CLOSED);
  }

  @Test
  void directorSendsTheListBackWithACommentAndTheOfficerSeesWhatWasSaved() {
    closedSubproject(EXCELLENT, 92.0, 60, 60, "05740", "Xã Hoàng Nông");
    closedSubproject(GOOD, 85.0, 30, 70, "05740", "Xã Hoàng Nông");
    ProcessInstance instance = open(30_000_000L);
    complete("officer1", Map.of(Var.AWARD_SELECTION, EXCELLENT + " = 10.000.000\n" + GOOD + " = 5.000.000"));

    refusal(() -> complete("director1", Map.of(Var.AWARD_LIST_DECISION, "RETURN")))
        .hasMessageContaining(Var.AWARD_LIST_COMMENT);
    refusal(() -> complete("director1", Map.of(Var.AWARD_LIST_DECISION, "MAYBE")))
        .hasMessageContaining(Var.AWARD_LIST_DECISION);
    assertThat(taskQuery().singleResult()).hasDefinitionKey(Element.APPROVE_AWARD_LIST);

    complete("director1", Map.of(Var.AWARD_LIST_DECISION, "RETURN",
        Var.AWARD_LIST_COMMENT, "Nhóm thứ hai xứng đáng mức B"));

    assertThat(instance).isWaitingAt(Element.SELECT_WINNERS);
    String selection = (String) runtimeService().getVariable(instance.getId(), Var.AWARD_SELECTION);
    assertThat(selection).contains(EXCELLENT + " = 10.000.000", GOOD + " = 5.000.000");
    assertThat(runtimeService().getVariable(instance.getId(), Var.AWARD_LIST_COMMENT))
        .isEqualTo("Nhóm thứ hai xứng đáng mức B");
    // the second group is dropped after all: its saved award goes back to 0
    complete("officer1", Map.of(Var.AWARD_SELECTION, selection.replace(GOOD + " = 5.000.000", GOOD + " = 0")));
    assertThat(runtimeService().getVariable(instance.getId(), Var.AWARD_LIST_DECISION)).isNull();
    complete("director1", Map.of(Var.AWARD_LIST_DECISION, "APPROVE"));

    assertThat(instance).isWaitingAt(Element.PAY_AWARD);
    assertThat(taskQuery().taskDefinitionKey(Element.PAY_AWARD).count()).isEqualTo(1);
    assertThat(rounds.find(ROUND).orElseThrow().selected()).isEqualTo(10_000_000L);
    assertThat(rounds.winnerCodes(ROUND)).containsExactly(EXCELLENT);
    verify(auditTrail).append(argThat(e -> e.subprojectCode().equals(ROUND) && e.outcome().equals("RETURN")
        && e.actor().equals("director1") && e.comment().equals("Nhóm thứ hai xứng đáng mức B")));
  }

  @Test
  void budgetSmallerThanTheProposalsForcesTheSelectionToFit() {
    closedSubproject(EXCELLENT, 92.0, 60, 60, "05740", "Xã Hoàng Nông");
    closedSubproject(GOOD, 85.0, 30, 70, "05740", "Xã Hoàng Nông");
    ProcessInstance instance = open(12_000_000L);
    String proposed = (String) runtimeService().getVariable(instance.getId(), Var.AWARD_SELECTION);

    refusal(() -> complete("officer1", Map.of(Var.AWARD_SELECTION, proposed)))
        .hasMessageContaining("tổng 17.000.000 ₫ vượt ngân sách 12.000.000 ₫");
    assertThat(taskQuery().singleResult()).hasDefinitionKey(Element.SELECT_WINNERS);
    assertThat(rounds.find(ROUND).orElseThrow().selected()).isZero();
    assertThat(rounds.awards(ROUND)).extracting(Award::amount).containsOnly(0L);

    complete("officer1", Map.of(Var.AWARD_SELECTION, EXCELLENT + " = 8.000.000\n" + GOOD + " = 4.000.000"));
    assertThat(rounds.find(ROUND).orElseThrow().selected()).isEqualTo(12_000_000L);
    assertThat(taskQuery().singleResult()).hasDefinitionKey(Element.APPROVE_AWARD_LIST);
  }

  @Test
  void financePaysEveryAwardAndARoundWithoutWinnersClosesAtOnce() {
    closedSubproject(EXCELLENT, 92.0, 60, 60, "05740", "Xã Hoàng Nông");
    closedSubproject(GOOD, 85.0, 30, 70, "05740", "Xã Hoàng Nông");
    closedSubproject(WEAK, 60.0, 50, 50, "05743", "Xã La Bằng");
    ProcessInstance instance = open(30_000_000L);
    complete("officer1", Map.of(Var.AWARD_SELECTION,
        EXCELLENT + " = 10.000.000\n" + GOOD + " = 7.000.000\n" + WEAK + " = 2.000.000"));
    complete("director1", Map.of(Var.AWARD_LIST_DECISION, "APPROVE"));

    List<Task> payments = taskQuery().taskDefinitionKey(Element.PAY_AWARD).list();
    assertThat(payments).hasSize(3);
    Task first = payments.get(0);
    refusal(() -> completeTask(first, "finance1", Map.of(Var.PAYMENT_DATE, "")))
        .hasMessageContaining(Var.PAYMENT_DATE).hasMessageContaining(Var.PAYMENT_REFERENCE);
    refusal(() -> completeTask(first, "finance1", Map.of(Var.PAYMENT_DATE,
        LocalDate.now().plusDays(3).toString(), Var.PAYMENT_REFERENCE, "UNC-1")))
        .hasMessageContaining("không được sau hôm nay");
    verify(funding, never()).payAward(anyString(), anyString(), anyLong(), anyString(), anyString());

    int n = 0;
    for (Task payment : payments) {
      completeTask(payment, "finance1", Map.of(Var.PAYMENT_DATE, LocalDate.now().toString(),
          Var.PAYMENT_REFERENCE, "UNC-" + ++n));
      executeJobs();
    }
    assertThat(instance).isEnded();
    verify(funding, times(3)).payAward(eq(ROUND), anyString(), anyLong(), eq("finance1"), anyString());
    assertThat(rounds.find(ROUND).orElseThrow().paid()).isEqualTo(19_000_000L);

    // a second round of the same cycle finds every candidate taken: it ends without one
    ProcessInstance second = open(5_000_000L);
    assertThat(second).isEnded().hasPassed(Element.END_NO_CANDIDATES);
    Assertions.assertThat(second.getBusinessKey()).isEqualTo("XT-CM-2026-1-02");
  }

  @Test
  void listWithoutWinnersClosesTheRoundWithoutPayments() {
    closedSubproject(WEAK, 60.0, 50, 50, "05743", "Xã La Bằng");
    ProcessInstance instance = open(5_000_000L);
    complete("officer1", Map.of(Var.AWARD_SELECTION, WEAK + " = 0"));
    complete("director1", Map.of(Var.AWARD_LIST_DECISION, "APPROVE"));

    assertThat(instance).isEnded().hasPassed(Element.CLOSE_ROUND).hasNotPassed(Element.PAY_AWARD);
    verify(notifications).request(argThat(r -> r.kind() == NotificationKind.AWARD_ROUND_CLOSED && r.amount() == 0L));
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void negativeUnknownOrMalformedAwardsAreRefusedNamingThemAndNothingIsRecorded() {
    closedSubproject(EXCELLENT, 92.0, 60, 60, "05740", "Xã Hoàng Nông");
    closedSubproject(GOOD, 85.0, 30, 70, "05740", "Xã Hoàng Nông");
    open(30_000_000L);

    refusal(() -> complete("officer1", Map.of(Var.AWARD_SELECTION,
        EXCELLENT + " = -5.000.000\n" + GOOD + " = 7.000.000")))
        .hasMessageContaining(EXCELLENT + ": số tiền thưởng không được âm");
    refusal(() -> complete("officer1", Map.of(Var.AWARD_SELECTION,
        EXCELLENT + " = 5.000.000\nTDA-2026-19120-004 = 7.000.000")))
        .hasMessageContaining("TDA-2026-19120-004 không phải ứng viên của đợt " + ROUND);
    refusal(() -> complete("officer1", Map.of(Var.AWARD_SELECTION,
        EXCELLENT + " = năm triệu\n" + GOOD + " 7000000\n" + GOOD + " = 1\n" + GOOD + " = 2")))
        .hasMessageContaining(EXCELLENT + ": số tiền „năm triệu“ không phải số đồng nguyên")
        .hasMessageContaining("dòng 2: cần dạng „mã = số tiền“")
        .hasMessageContaining(GOOD + ": có hai lần");
    refusal(() -> complete("officer1", Map.of(Var.AWARD_SELECTION, EXCELLENT + " = 5000000",
        Var.SELECTION_COMMENT, "x".repeat(4001)))).hasMessageContaining(Var.SELECTION_COMMENT);

    assertThat(taskQuery().singleResult()).hasDefinitionKey(Element.SELECT_WINNERS);
    assertThat(rounds.find(ROUND).orElseThrow().selected()).isZero();
    assertThat(rounds.awards(ROUND)).extracting(Award::amount).containsOnly(0L);
  }

  @Test
  void roundWithWrongCycleOrBudgetDoesNotStart() {
    assertStartRefused(Map.of(Var.CYCLE_CODE, "CM-2031-9", Var.BUDGET, 10_000_000L), "không có đợt cấp vốn CM-2031-9");
    assertStartRefused(Map.of(Var.CYCLE_CODE, CYCLE, Var.BUDGET, 0L), "budget: phải lớn hơn 0");
    assertStartRefused(Map.of(Var.CYCLE_CODE, CYCLE, Var.BUDGET, -5L), "budget: phải lớn hơn 0");
    assertStartRefused(Map.of(Var.CYCLE_CODE, CYCLE, Var.BUDGET, "mười triệu"), "budget: phải là số đồng nguyên");
    assertStartRefused(Map.of(Var.BUDGET, 10_000_000L), "cycleCode: bắt buộc");
    assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM award_round").query(Long.class).single()).isZero();
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The refusal the call ends in. The engine wraps what a task listener throws, so the
   * {@link InvalidInputException} may be a cause of what arrives.
   */
  private static AbstractThrowableAssert<?, ? extends Throwable> refusal(ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    Throwable cause = thrown;
    while (cause != null && !(cause instanceof InvalidInputException)) {
      cause = cause.getCause();
    }
    return Assertions.assertThat(cause).as("refusal in %s", thrown).isInstanceOf(InvalidInputException.class);
  }

  private void assertStartRefused(Map<String, Object> variables, String message) {
    refusal(() -> runtimeService().startProcessInstanceByKey(AwardRoundProcess.KEY, variables))
        .hasMessageContaining(message);
  }

  private ProcessInstance open(long budget) {
    processEngine().getIdentityService().setAuthenticatedUserId("officer1");
    try {
      return runtimeService().startProcessInstanceByKey(AwardRoundProcess.KEY,
          Map.of(Var.CYCLE_CODE, CYCLE, Var.BUDGET, budget, Var.ROUND_NOTE, "Khen thưởng năm 2026"));
    } finally {
      processEngine().getIdentityService().clearAuthentication();
    }
  }

  private void complete(String user, Map<String, Object> variables) {
    completeTask(taskQuery().singleResult(), user, variables);
  }

  private void completeTask(Task task, String user, Map<String, Object> variables) {
    processEngine().getIdentityService().setAuthenticatedUserId(user);
    try {
      taskService().complete(task.getId(), new HashMap<>(variables));
    } finally {
      processEngine().getIdentityService().clearAuthentication();
    }
  }

  private void executeJobs() {
    jobQuery().list().forEach(job -> execute(job));
  }

  private void closedSubproject(String code, double score, int women, int men, String commune, String communeName) {
    closedSubproject(code, score, women, men, commune, communeName, CYCLE);
  }

  private void closedSubproject(String code, double score, int women, int men, String commune, String communeName,
      String cycle) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("""
        INSERT INTO subproject (code, process_instance_id, title, fund_code, cycle_code, group_code, unit_type,
                                unit_code, unit_name, commune_code, commune_name, facilitator_id, stage,
                                requested_grant, approved_grant, disbursed, women_reached, men_reached,
                                evaluation_score, submitted_at, updated_at)
        VALUES (?, ?, ?, 'CM', ?, 'CBG', 'HAMLET', 'H1', 'Xóm Đồng Tâm', ?, ?, 'facilitator1', 'CLOSED',
                20000000, 20000000, 20000000, ?, ?, ?, ?, ?)
        """).params(code, "pi-" + code, "Đường bê tông " + code, cycle, commune, communeName, women, men, score, now,
        now).update();
  }
}
