package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.evaluation.EvaluationScoring;
import org.pcm2.grants.funding.TranchePlan;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.proposal.GrantLimits;
import org.pcm2.grants.proposal.ScreeningService;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test (run with {@code ./mvnw -Pbenchmark verify}): full grant cycles
 * per second, proposal to closure, with {@code -Dbench.clients} client threads (4) running
 * {@code -Dbench.cycles} cycles each (25).
 *
 * <p>The application: every step through the API as its person (submit, leader review,
 * DWC appraisal, payment, receipt, completion report, evaluation, closure), with the read
 * model, ledger, decision log, access checks and mail (to a GreenMail SMTP server) on.
 *
 * <p>The bare engine behind engine-rest ({@link BareEngineRest}), what a programme would run
 * instead: a plain Camunda engine on its own PostgreSQL database, HTTP Basic sign-in and
 * authorization on, history full, running the same BPMN and decision tables, where every
 * delegate and listener of the project is a no-op that sets only the variables the gateways
 * read, driven over HTTP by the same client threads through the same steps. Target: the
 * application reaches at least 0.8 of it. The same engine driven through the Java API in the
 * same threads is a second reference row. The three sides run in alternating rounds.
 */
class ThroughputBenchmark extends PostgresIntegrationTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
  private static final int CYCLES = Integer.getInteger("bench.cycles", 25);
  /** Measured cycles a client runs on each side are split into this many rounds, sides alternating. */
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  private static final int WARM_UP = 2;
  /** Numbers every cycle of the application's runs, warm-up included: each has a group of its own. */
  private static final AtomicInteger CYCLE_NUMBER = new AtomicInteger();
  /** Numbers the bare engine's cycles the same way, so that it starts with the same groups. */
  private static final AtomicInteger BARE_NUMBER = new AtomicInteger();
  /** And the bare engine behind engine-rest's. */
  private static final AtomicInteger BARE_REST_NUMBER = new AtomicInteger();
  private static final AtomicInteger ANSWERED = new AtomicInteger();
  private static final AtomicInteger REFUSED = new AtomicInteger();
  private static String bareUrl;

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("pcm.mail.enabled", () -> "true");
    registry.add("spring.mail.port", () -> ServerSetupTest.SMTP.getPort());
  }

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;

  @Test
  void fullCyclesPerSecondAgainstTheBareEngine() throws Exception {
    String base = "http://localhost:" + port;
    // Room in the two communes' envelopes for every cycle of the run.
    assertThat(jdbc.update("UPDATE envelope SET amount = 1000000000000 WHERE cycle_code = 'CM-2026-1'"
        + " AND holder_code IN ('05740', '05743')")).isEqualTo(2);
    // A group gets one grant per cycle: every cycle of the run has a group of its own, a
    // copy of one of facilitator1's groups in the two communes.
    int cycles = CLIENTS * (WARM_UP + CYCLES);
    jdbc.update("""
        INSERT INTO community_group (code, kind, name, hamlet_code, school_code, facilitator_id)
        SELECT g.code || 'B' || n, g.kind, g.name || ' ' || n, g.hamlet_code, g.school_code, g.facilitator_id
        FROM community_group g CROSS JOIN generate_series(1, ?) AS n
        WHERE g.facilitator_id = 'facilitator1' AND g.kind = 'CBG'
          AND (g.code LIKE 'CBG05740%' OR g.code LIKE 'CBG05743%')
        """, cycles / 14 + 1);
    List<String> groups = jdbc.queryForList("SELECT code FROM community_group WHERE code LIKE 'CBG%B%'"
        + " ORDER BY code", String.class);
    assertThat(groups.size()).isGreaterThanOrEqualTo(cycles);

    ProcessEngine bare = bareEngine();
    try (BareEngineRest bareRest = BareEngineRest.start()) {
      // Equal warm-up, bare engine first, so that neither side runs on a JIT the other warmed
      // alone; then the measured cycles in alternating rounds, so that neither always runs second.
      run("bare engine (warm-up)", CLIENTS, WARM_UP, BARE_NUMBER, (client, n) -> bareCycle(bare, groups, client, n));
      run("bare engine behind engine-rest (warm-up)", CLIENTS, WARM_UP, BARE_REST_NUMBER,
          (client, n) -> bareRestCycle(bareRest, groups, client, n));
      run("application (warm-up)", CLIENTS, WARM_UP, CYCLE_NUMBER,
          (client, n) -> applicationCycle(base, groups, client, n));
      drainMails();
      Map<String, Long> applicationDecisions = decisionCounts(jdbc);
      JdbcTemplate bareJdbc = new JdbcTemplate(new DriverManagerDataSource(bareUrl, PostgresDatabase.USER,
          PostgresDatabase.PASSWORD));
      Map<String, Long> bareDecisions = decisionCounts(bareJdbc);
      JdbcTemplate bareRestJdbc = new JdbcTemplate(new DriverManagerDataSource(bareRest.databaseUrl(),
          PostgresDatabase.USER, PostgresDatabase.PASSWORD));
      Map<String, Long> bareRestDecisions = decisionCounts(bareRestJdbc);
      Result application = Result.none("application");
      Result engine = Result.none("bare engine, in-process (Java API)");
      Result engineRest = Result.none("bare engine behind engine-rest (HTTP Basic, authorization on)");
      double drained = 0;
      for (int round = 0; round < ROUNDS; round++) {
        int inRound = CYCLES / ROUNDS + (round < CYCLES % ROUNDS ? 1 : 0);
        application = application.plus(run("application", CLIENTS, inRound, CYCLE_NUMBER,
            (client, n) -> applicationCycle(base, groups, client, n)));
        // the application's mails go out before the bare engine runs, so that it has the machine alone
        drained += drainMails();
        engineRest = engineRest.plus(run("bare engine behind engine-rest", CLIENTS, inRound, BARE_REST_NUMBER,
            (client, n) -> bareRestCycle(bareRest, groups, client, n)));
        engine = engine.plus(run("bare engine", CLIENTS, inRound, BARE_NUMBER,
            (client, n) -> bareCycle(bare, groups, client, n)));
      }
      long closed = jdbc.queryForObject("SELECT COUNT(*) FROM subproject WHERE stage = 'CLOSED'", Long.class);
      assertThat(closed).isEqualTo((long) cycles);
      assertThat(bare.getHistoryService().createHistoricProcessInstanceQuery().completed().count())
          .isEqualTo((long) cycles);
      assertThat(bareRest.engine().getHistoryService().createHistoricProcessInstanceQuery().completed().count())
          .isEqualTo((long) cycles);
      // Both sides evaluated the same decision tables, as often, in the measured cycles.
      Map<String, Long> applicationPerRun = minus(decisionCounts(jdbc), applicationDecisions);
      Map<String, Long> barePerRun = minus(decisionCounts(bareJdbc), bareDecisions);
      assertThat(barePerRun).as("decision tables evaluated by the bare engine, against the application's")
          .isEqualTo(applicationPerRun);
      assertThat(minus(decisionCounts(bareRestJdbc), bareRestDecisions))
          .as("decision tables evaluated by the bare engine behind engine-rest, against the application's")
          .isEqualTo(applicationPerRun);
      long mails = jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'", Long.class);
      double ratio = application.perSecond() / engineRest.perSecond();
      double inProcessRatio = application.perSecond() / engine.perSecond();
      System.out.printf(Locale.ROOT, "%nFULL-CYCLE THROUGHPUT, %d clients × %d cycles (8 steps each), %d alternating"
          + " rounds after %d warm-up cycles a client on each side%n"
          + "| run | cycles/s | steps/s | p50 cycle (ms) | p95 cycle (ms) | CPU per cycle, JVM (ms) |"
          + " CPU per cycle, PostgreSQL (ms) |%n| --- | --- | --- | --- | --- | --- | --- |%n"
          + "%s%s%s| application / bare engine behind engine-rest | %.2f | | | | target ≥ 0.8: %s | |%n"
          + "| application / bare engine in-process (reference) | %.2f | | | | | |%n"
          + "decision tables evaluated in the measured cycles, each side: %s%n"
          + "HTTP calls (application's API and the bare engine-rest): %d answered, %d refused (a refused call stops"
          + " the run)%n"
          + "mails: %d sent (%.1f a cycle); after each application round the outbox emptied in %.1f s in all%n"
          + "(the application's JVM CPU includes the benchmark's client threads and its GreenMail server)%n%n",
          CLIENTS, CYCLES, ROUNDS, WARM_UP, application.row(), engineRest.row(), engine.row(), ratio,
          ratio >= 0.8 ? "met" : "MISSED", inProcessRatio,
          applicationPerRun, ANSWERED.get(), REFUSED.get(), mails, (double) mails / cycles, drained);
    } finally {
      bare.close();
    }
  }

  /** Waits until the outbox has sent every mail; the seconds it took. */
  private double drainMails() {
    long drainStart = System.nanoTime();
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
        "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'", Long.class) == 0);
    return (System.nanoTime() - drainStart) / 1e9;
  }

  /** How many times each decision table has been evaluated on a database (history is full on both sides). */
  private static Map<String, Long> decisionCounts(JdbcTemplate database) {
    Map<String, Long> counts = new TreeMap<>();
    database.query("SELECT dec_def_key_, COUNT(*) FROM act_hi_decinst GROUP BY dec_def_key_",
        (ResultSet row) -> {
          counts.put(row.getString(1), row.getLong(2));
        });
    return counts;
  }

  private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> difference = new TreeMap<>();
    after.forEach((key, count) -> difference.put(key, count - before.getOrDefault(key, 0L)));
    difference.values().removeIf(count -> count == 0);
    return difference;
  }

  /** One cycle through the API, each step by its person. */
  private Void applicationCycle(String base, List<String> groups, int client, int n) throws Exception {
    String group = groups.get(n - 1);
    String leader = group.startsWith("CBG05740") ? "leader1" : "leader3";
    HttpResponse<String> created = new ApiClient(base, "facilitator1", "demo").submitProposal(
        JSON.writeValueAsString(Proposals.valid(group, "Đo thông lượng " + client + "-" + n)));
    count(created);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    for (String[] step : GrantCycleSteps.STEPS) {
      String user = GrantCycleSteps.user(step, leader);
      ApiClient api = new ApiClient(base, user, "demo");
      HttpResponse<String> done = api.postJson("/api/subprojects/" + code + "/tasks/" + step[1],
          GrantCycleSteps.body(api, code, step));
      count(done);
      assertThat(done.statusCode()).as(code + " " + step[1] + ": " + done.body()).isEqualTo(204);
    }
    return null;
  }

  private static void count(HttpResponse<String> response) {
    (response.statusCode() < 300 ? ANSWERED : REFUSED).incrementAndGet();
  }

  /** The same cycle on the bare engine: start with the same proposal, complete the same tasks with the same input. */
  private static Void bareCycle(ProcessEngine engine, List<String> groups, int client, int n) throws Exception {
    String group = groups.get((n - 1) % groups.size()); // only its commune counts here
    String commune = group.substring(3, 8);
    Map<String, Object> variables = new HashMap<>(Proposals.valid(group, "Đo thông lượng " + client + "-" + n));
    variables.put("facilitatorId", "facilitator1");
    variables.put("communeLeadersGroup", "commune" + commune);
    variables.put("unitType", "HAMLET"); // what registration derives from a community group
    String instance = engine.getRuntimeService().startProcessInstanceByKey("subprojectGrant",
        "BARE-" + client + "-" + n, variables).getId();
    for (String[] step : GrantCycleSteps.STEPS) {
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey(step[1])
          .singleResult();
      assertThat(task).as(step[1]).isNotNull();
      engine.getTaskService().complete(task.getId(), JSON.readValue(step[2], new TypeReference<Map<String, Object>>() {
      }));
    }
    return null;
  }

  /**
   * The same cycle on the bare engine behind its engine-rest, over HTTP as a Tasklist or a
   * script would: the facilitator starts it with the same proposal; at each step its person
   * finds the task, claims it when it waits for a group, and completes it with the same input.
   */
  private static Void bareRestCycle(BareEngineRest server, List<String> groups, int client, int n)
      throws Exception {
    String group = groups.get((n - 1) % groups.size());
    String commune = group.substring(3, 8);
    String leader = group.startsWith("CBG05740") ? "leader1" : "leader3";
    Map<String, Object> variables = new HashMap<>(Proposals.valid(group, "Đo thông lượng " + client + "-" + n));
    variables.put("facilitatorId", "facilitator1");
    variables.put("communeLeadersGroup", "commune" + commune);
    variables.put("unitType", "HAMLET");
    HttpResponse<String> started = new ApiClient(server.url(), "facilitator1", "demo").postJson(
        "/process-definition/key/subprojectGrant/start", JSON.writeValueAsString(Map.of(
            "businessKey", "BARE-REST-" + client + "-" + n, "variables", WebappSession.typed(variables))));
    count(started);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instance = JSON.readTree(started.body()).get("id").asText();
    for (String[] step : GrantCycleSteps.STEPS) {
      String user = GrantCycleSteps.user(step, leader);
      ApiClient api = new ApiClient(server.url(), user, "demo");
      HttpResponse<String> found = api.get("/task?processInstanceId=" + instance + "&taskDefinitionKey=" + step[1]);
      count(found);
      com.fasterxml.jackson.databind.JsonNode tasks = JSON.readTree(found.body());
      assertThat(tasks.size()).as(step[1] + " for " + user + ": " + found.body()).isEqualTo(1);
      String task = tasks.get(0).get("id").asText();
      if (tasks.get(0).get("assignee").isNull()) {
        HttpResponse<String> claimed = api.postJson("/task/" + task + "/claim", "{\"userId\":\"" + user + "\"}");
        count(claimed);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
      }
      Map<String, Object> fields = JSON.readValue(step[2], new TypeReference<Map<String, Object>>() {
      });
      HttpResponse<String> done = api.postJson("/task/" + task + "/complete",
          JSON.writeValueAsString(Map.of("variables", WebappSession.typed(fields))));
      count(done);
      assertThat(done.statusCode()).as(step[1] + ": " + done.body()).isEqualTo(204);
    }
    return null;
  }

  /** A plain engine with the project's models and no-op stand-ins for its delegates and listeners. */
  private static ProcessEngine bareEngine() throws Exception {
    StandaloneProcessEngineConfiguration config = (StandaloneProcessEngineConfiguration)
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    config.setProcessEngineName("bare");
    config.setJdbcDriver("org.postgresql.Driver");
    bareUrl = PostgresDatabase.freshDatabase("pcm_bench_bare");
    config.setJdbcUrl(bareUrl);
    config.setJdbcUsername(PostgresDatabase.USER);
    config.setJdbcPassword(PostgresDatabase.PASSWORD);
    config.setJdbcMaxActiveConnections(10);
    config.setDatabaseSchemaUpdate("true");
    config.setHistory("full");
    config.setIdGenerator(new StrongUuidGenerator());
    config.setJobExecutorActivate(true);
    config.setHistoryTimeToLive("P730D");
    // as the application evaluates its decision tables (application.yaml)
    config.setDmnFeelEnableLegacyBehavior(true);
    config.setBeans(new HashMap<>(standIns()));
    ProcessEngine engine = config.buildProcessEngine();
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bare");
    for (String pattern : List.of("subproject-grant.bpmn", "*.dmn", "*.form")) {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/" + pattern)) {
        deployment.addInputStream(resource.getFilename(), resource.getInputStream());
      }
    }
    deployment.deploy();
    return engine;
  }

  /**
   * The stand-ins for the project's delegates, listeners and expression beans, by bean name:
   * each a no-op that sets only what the gateways read, but for the decision tables the
   * application evaluates in Java, evaluated here too by the same classes with the same inputs.
   */
  static Map<String, Object> standIns() {
    Map<String, Object> beans = new HashMap<>();
    JavaDelegate nothing = execution -> { };
    for (String delegate : List.of("commitGrantDelegate", "releaseGrantDelegate", "recordDisbursementDelegate",
        "closeGrantDelegate")) {
      beans.put(delegate, nothing);
    }
    // registration derives what the screening table reads, as the application's does
    beans.put("registerProposalDelegate", (JavaDelegate) e -> {
      long requested = number(e, "requestedGrant");
      long contribution = number(e, "contributionCash") + number(e, "contributionLabour")
          + number(e, "contributionMaterials");
      e.setVariable("contributionShare", Math.round(contribution * 1000.0 / (requested + contribution)) / 10.0);
      java.time.LocalDate start = java.time.LocalDate.parse(String.valueOf(e.getVariable("plannedStart")));
      java.time.LocalDate end = java.time.LocalDate.parse(String.valueOf(e.getVariable("plannedEnd")));
      e.setVariable("durationMonths", (int) Math.max(ChronoUnit.MONTHS.between(start, end.plusDays(1)), 1));
      e.setVariable("totalBeneficiaries", (int) (number(e, "beneficiariesWomen") + number(e, "beneficiariesMen")));
    });
    // The decision tables the application evaluates in Java, evaluated here too by the same
    // classes on this engine, with the same inputs; the rest of each stand-in sets only what
    // the gateways read. (The check after the run compares the two sides' decision history.)
    beans.put("validateProposal", (ExecutionListener) e -> new GrantLimits(e.getProcessEngineServices()
        .getDecisionService()).of((String) e.getVariable("fundCode"), (String) e.getVariable("unitType")));
    beans.put("screenProposalDelegate", (JavaDelegate) e -> {
      Map<String, Object> inputs = new HashMap<>(e.getVariables());
      inputs.put("openSubprojectsOfGroup", 0);
      inputs.put("hasMeetingMinutes", true); // the application's proposals come with their minutes
      e.setVariable("screeningOutcome", new ScreeningService(e.getProcessEngineServices().getDecisionService())
          .screen(inputs).outcome().name());
    });
    beans.put("planTranchesDelegate", (JavaDelegate) e -> {
      String shares = new TranchePlan(e.getProcessEngineServices().getDecisionService())
          .sharesFor((String) e.getVariable("fundCode"), ((Number) e.getVariable("approvedGrant")).longValue());
      e.setVariable("trancheCount", TranchePlan.parse(shares).size());
      e.setVariable("trancheNumber", 0);
    });
    beans.put("prepareTrancheDelegate", (JavaDelegate) e -> e.setVariable("trancheNumber",
        ((Number) e.getVariable("trancheNumber")).intValue() + 1));
    beans.put("scoreEvaluationDelegate", (JavaDelegate) e -> {
      Map<String, Number> scores = new HashMap<>();
      for (String criterion : Var.SCORES) {
        scores.put(criterion, (Number) e.getVariable(criterion));
      }
      e.setVariable("evaluationScore", new EvaluationScoring(e.getProcessEngineServices().getDecisionService())
          .score((String) e.getVariable("fundCode"), scores));
    });
    beans.put("recordDecision", (TaskListener) t -> { });
    beans.put("notify", new BareNotify());
    beans.put("deadlines", new BareDeadlines());
    beans.put("people", new BarePeople());
    return beans;
  }

  private static long number(org.camunda.bpm.engine.delegate.DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? 0 : Long.parseLong(String.valueOf(value));
  }

  /** Stands in for the project's notification step. */
  public static final class BareNotify {
    public void send(Object execution, String kind) {
    }
  }

  /** Stands in for the project's directory look-up of a task's people: what the start said. */
  public static final class BarePeople {
    public String communeLeaders(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      return (String) execution.getVariable("communeLeadersGroup");
    }

    public String facilitator(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
      return (String) execution.getVariable("facilitatorId");
    }

    public String dwc(org.camunda.bpm.engine.delegate.DelegateExecution execution, String role) {
      return role;
    }
  }

  /** Stands in for the project's deadlines: the same kinds of answers, fixed. */
  public static final class BareDeadlines {
    public Date due(String step) {
      return Date.from(Instant.now().plus(14, ChronoUnit.DAYS));
    }

    public String reminder(String step) {
      return "P7D";
    }

    public String escalation(String step) {
      return "P10D";
    }

    public String timeout(String step) {
      return "P30D";
    }

    public Date completionDue(Object plannedEnd) {
      return Date.from(Instant.now().plus(150, ChronoUnit.DAYS));
    }

    public Date completionReminder(Object plannedEnd) {
      return Date.from(Instant.now().plus(140, ChronoUnit.DAYS));
    }

    public Date completionOverdue(Object plannedEnd) {
      return Date.from(Instant.now().plus(160, ChronoUnit.DAYS));
    }
  }

  /** One cycle of one client. */
  @FunctionalInterface
  private interface Cycle {
    Void run(int client, int n) throws Exception;
  }

  private record Result(String name, int cycles, double seconds, Percentiles timings, double jvmCpuMs,
      double postgresCpuMs) {
    static Result none(String name) {
      return new Result(name, 0, 0, new Percentiles(), 0, 0);
    }

    /** This result with another round's added. */
    Result plus(Result round) {
      timings.addAll(round.timings);
      return new Result(name, cycles + round.cycles, seconds + round.seconds, timings, jvmCpuMs + round.jvmCpuMs,
          postgresCpuMs + round.postgresCpuMs);
    }

    double perSecond() {
      return cycles / seconds;
    }

    String row() {
      return String.format(Locale.ROOT, "| %s | %.2f | %.1f | %.0f | %.0f | %.0f | %.0f |%n", name, perSecond(),
          perSecond() * 8, timings.percentile(50), timings.percentile(95), jvmCpuMs / cycles, postgresCpuMs / cycles);
    }
  }

  /** CPU time this JVM has used, in ms. */
  private static double jvmCpuMs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e6;
  }

  /** CPU time the PostgreSQL server's processes on this machine have used, in ms (Linux /proc). */
  private static double postgresCpuMs() throws IOException {
    double ticks = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        String stat;
        try {
          stat = Files.readString(process.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0 || !stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
          continue;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      }
    }
    return ticks * 10; // 100 ticks a second
  }

  private static Result run(String name, int clients, int cycles, AtomicInteger numbers, Cycle cycle)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    Percentiles timings = new Percentiles();
    double jvmCpu = jvmCpuMs();
    double postgresCpu = postgresCpuMs();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(pool.submit(() -> {
        for (int i = 0; i < cycles; i++) {
          int n = numbers.incrementAndGet();
          timings.time(() -> cycle.run(client, n));
        }
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Result(name, clients * cycles, seconds, timings, jvmCpuMs() - jvmCpu, postgresCpuMs() - postgresCpu);
  }
}
