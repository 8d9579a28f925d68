package org.pcm2.grants.funding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.system.Actors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approvals racing for one envelope on PostgreSQL: exactly those that fit are committed,
 * the others are refused with what is left and their tasks stay open.
 */
class EnvelopeConcurrencyIT extends PostgresIntegrationTest {

  private static final String CYCLE = "CONC-2026";
  private static final int APPROVALS = 20;

  @Autowired
  private RuntimeService runtime;
  @Autowired
  private TaskService tasks;
  @Autowired
  private IdentityService identity;
  @Autowired
  private FundingCycles cycles;
  @Autowired
  private JdbcClient jdbc;
  @org.springframework.beans.factory.annotation.Value("${spring.datasource.url}")
  private String url;

  @Test
  void twentyConcurrentApprovalsCommitOnlyWhatFitsTheEnvelope() throws Exception {
    cycles.open(new FundingCycle(CYCLE, "CM", "Kiểm thử đồng thời", LocalDate.of(2026, 7, 1),
        LocalDate.of(2027, 6, 30), "OPEN"), "test");
    cycles.setEnvelope(CYCLE, "05743", 100_000_000L);
    List<String> taskIds = new ArrayList<>();
    for (int i = 1; i <= APPROVALS; i++) {
      String code = String.format("CONC-%03d", i);
      runtime.createProcessInstanceByKey(SubprojectGrantProcess.KEY).businessKey(code)
          .startBeforeActivity(Element.APPRAISE_PROPOSAL).setVariables(approvable(code)).execute();
      taskIds.add(tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId());
    }

    ExecutorService pool = Executors.newFixedThreadPool(APPROVALS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Throwable>> results = new ArrayList<>();
    for (String taskId : taskIds) {
      results.add(pool.submit(() -> {
        start.await();
        Actors.authenticate(identity, "officer1"); // with the groups, as the Tasklist signs people in
        try {
          tasks.complete(taskId, Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 20_000_000L));
          return null;
        } catch (RuntimeException e) {
          return e;
        } finally {
          identity.clearAuthentication();
        }
      }));
    }
    start.countDown();
    int approved = 0;
    List<Throwable> refusals = new ArrayList<>();
    for (Future<Throwable> result : results) {
      Throwable failure = result.get();
      if (failure == null) {
        approved++;
      } else {
        refusals.add(failure);
      }
    }
    pool.shutdown();

    assertThat(approved).isEqualTo(5);
    assertThat(refusals).hasSize(15).allSatisfy(e -> assertThat(e).isInstanceOf(FundingRefusedException.class)
        .hasMessageContaining("chỉ còn 0 ₫"));
    assertThat(jdbc.sql("SELECT SUM(amount) FROM ledger_entry WHERE cycle_code = ? AND kind = 'COMMIT'")
        .param(CYCLE).query(Long.class).single()).isEqualTo(100_000_000L);
    assertThat(cycles.envelope(CYCLE, "05743")).get().extracting(Envelope::committed).isEqualTo(100_000_000L);
    List<Task> stillOpen = tasks.createTaskQuery().taskDefinitionKey(Element.APPRAISE_PROPOSAL)
        .processVariableValueEquals(Var.CYCLE_CODE, CYCLE).list();
    assertThat(stillOpen).hasSize(15);
    assertThat(tasks.createTaskQuery().taskDefinitionKey(Element.RECORD_DISBURSEMENT_TASK)
        .processVariableValueEquals(Var.CYCLE_CODE, CYCLE).count()).isEqualTo(5);
  }

  @Test
  void twoApplicationInstancesOnOneDatabaseNeverOverspendTheEnvelope() throws Exception {
    String cycle = "CONC-TWO";
    cycles.open(new FundingCycle(cycle, "CM", "Hai máy chủ", LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30),
        "OPEN"), "test");
    cycles.setEnvelope(cycle, "05743", 60_000_000L);
    List<String> taskIds = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String code = String.format("TWO-%03d", i);
      Map<String, Object> variables = approvable(code);
      variables.put(Var.CYCLE_CODE, cycle);
      runtime.createProcessInstanceByKey(SubprojectGrantProcess.KEY).businessKey(code)
          .startBeforeActivity(Element.APPRAISE_PROPOSAL).setVariables(variables).execute();
      taskIds.add(tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId());
    }
    // a second instance of the application on the same database, with an engine of its own
    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(PcmGrantsApplication.class)
        .profiles("postgres").run("--server.port=0", "--management.server.port=0", "--camunda.bpm.process-engine-name=second",
            "--camunda.bpm.job-execution.enabled=false", "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + PostgresDatabase.USER,
            "--spring.datasource.password=" + PostgresDatabase.PASSWORD)) {
      TaskService secondTasks = second.getBean(ProcessEngine.class).getTaskService();
      ExecutorService pool = Executors.newFixedThreadPool(10);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < taskIds.size(); i++) {
        TaskService service = i % 2 == 0 ? tasks : secondTasks;
        String taskId = taskIds.get(i);
        results.add(pool.submit(() -> {
          start.await();
          try {
            service.complete(taskId, Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 20_000_000L));
            return true;
          } catch (FundingRefusedException refused) {
            return false;
          }
        }));
      }
      start.countDown();
      int approved = 0;
      for (Future<Boolean> result : results) {
        approved += result.get() ? 1 : 0;
      }
      pool.shutdown();
      assertThat(approved).isEqualTo(3);
    }
    assertThat(cycles.envelope(cycle, "05743")).get().extracting(Envelope::committed).isEqualTo(60_000_000L);
    assertThat(jdbc.sql("SELECT SUM(amount) FROM ledger_entry WHERE cycle_code = ? AND kind = 'COMMIT'")
        .param(cycle).query(Long.class).single()).isEqualTo(60_000_000L);
  }

  @Test
  void cancellingAnApprovedSubprojectReturnsItsCommitmentToTheEnvelope() {
    String cycle = "CONC-RELEASE";
    cycles.open(new FundingCycle(cycle, "CM", "Kiểm thử hoàn vốn", LocalDate.of(2026, 7, 1),
        LocalDate.of(2027, 6, 30), "OPEN"), "test");
    cycles.setEnvelope(cycle, "05743", 50_000_000L);
    Map<String, Object> variables = approvable("REL-001");
    variables.put(Var.CYCLE_CODE, cycle);
    runtime.createProcessInstanceByKey(SubprojectGrantProcess.KEY).businessKey("REL-001")
        .startBeforeActivity(Element.APPRAISE_PROPOSAL).setVariables(variables).execute();
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey("REL-001").singleResult().getId(),
        Map.of(Var.APPRAISAL_DECISION, "APPROVE", Var.APPROVED_GRANT, 20_000_000L));
    assertThat(cycles.envelope(cycle, "05743")).get().extracting(Envelope::committed).isEqualTo(20_000_000L);

    runtime.createMessageCorrelation(SubprojectGrantProcess.MESSAGE_CANCEL).processInstanceBusinessKey("REL-001")
        .setVariable(Var.CANCEL_REASON, "Nhóm rút đề xuất").setVariable(Var.CANCELLED_BY, "officer2").correlate();

    assertThat(cycles.envelope(cycle, "05743")).get().extracting(Envelope::committed).isEqualTo(0L);
    assertThat(jdbc.sql("SELECT kind FROM ledger_entry WHERE subproject_code = 'REL-001' ORDER BY id")
        .query(String.class).list()).containsExactly("COMMIT", "RELEASE");
  }

  private static Map<String, Object> approvable(String code) {
    Map<String, Object> v = new HashMap<>();
    v.put(Var.SUBPROJECT_CODE, code);
    v.put(Var.TITLE, "Tiểu dự án kiểm thử " + code);
    v.put(Var.FUND_CODE, "CM");
    v.put(Var.CYCLE_CODE, CYCLE);
    v.put(Var.GROUP_CODE, "CBG0574301");
    v.put(Var.UNIT_CODE, "0574301");
    v.put(Var.COMMUNE_CODE, "05743");
    v.put(Var.COMMUNE_NAME, "Xã La Bằng");
    v.put(Var.COMMUNE_LEADERS_GROUP, "commune05743");
    v.put(Var.FACILITATOR_ID, "facilitator1");
    v.put(Var.REQUESTED_GRANT, 20_000_000L);
    v.put(Var.PLANNED_END, "2027-05-31");
    return v;
  }
}
