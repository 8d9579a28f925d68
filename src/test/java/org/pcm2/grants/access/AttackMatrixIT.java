package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.GroupKind;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The attack matrix beside {@link RoleMatrixIT}: what the project's API refuses, no other
 * door accepts. Every start path (engine-rest {@code start} and {@code submit-form}, the
 * Tasklist's API, the project's API) with every way around the rules (start instructions,
 * skip flags, a business key, another's group, extra variables) for each role; every
 * variable path for each role; a step with fields that are not its own through every door;
 * expressions in queries, in every spelling of the content type; modification and restart;
 * the separation of duties. Each case asserts the status and that nothing changed in the
 * ledger, the audit trail, the read model, the process instances and the variables of the
 * sub-project under attack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackMatrixIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASKLIST = "/camunda/api/engine/engine/default";
  private static final String SENTINEL = "attack_sentinel";
  /** An expression that, if ever evaluated, leaves a table behind. */
  private static final String EVIL = "${jdbcTemplate.execute('create table " + SENTINEL + " (x int)')}";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private RuntimeService runtime;
  @Autowired
  private TaskService tasks;
  @Autowired
  private HistoryService history;
  @Autowired
  private IdentityService identity;
  @Autowired
  private AuditTrail auditTrail;
  @Autowired
  private FilterService filters;
  @Autowired
  private AuthorizationService authorizations;
  @Autowired
  private DirectoryService directory;

  private String codeA;
  private String instanceA;
  private String reviewA;
  private final List<Runnable> undo = new ArrayList<>();

  @BeforeAll
  void aSubprojectWaitingForItsCommunesReview() throws Exception {
    HttpResponse<String> submitted = api("facilitator1").submitProposal(
        JSON.writeValueAsString(Proposals.valid("CBG0574006", "Đường bê tông xóm Đồng Đình")));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    codeA = JSON.readTree(submitted.body()).get("code").asText();
    instanceA = JSON.readTree(submitted.body()).get("processInstanceId").asText();
    reviewA = tasks.createTaskQuery().processInstanceId(instanceA).taskDefinitionKey(Element.REVIEW_PROPOSAL)
        .singleResult().getId();
  }

  @AfterEach
  void undoSetUp() {
    undo.forEach(Runnable::run);
    undo.clear();
  }

  // ---------------------------------------------------------------- starts

  enum StartDoor { ENGINE_START, ENGINE_SUBMIT_FORM, TASKLIST_SUBMIT_FORM, PROJECT_API }

  enum Trick { START_INSTRUCTIONS, SKIP_LISTENERS, SKIP_IO_MAPPINGS, BUSINESS_KEY, ANOTHERS_GROUP, EXTRA_VARIABLE }

  static Stream<Arguments> starts() {
    List<Arguments> cases = new ArrayList<>();
    for (StartDoor door : StartDoor.values()) {
      for (Trick trick : Trick.values()) {
        boolean expressible = switch (door) {
          case ENGINE_START -> true;
          case ENGINE_SUBMIT_FORM, TASKLIST_SUBMIT_FORM -> trick == Trick.BUSINESS_KEY || trick == Trick.ANOTHERS_GROUP
              || trick == Trick.EXTRA_VARIABLE;
          case PROJECT_API -> trick == Trick.ANOTHERS_GROUP;
        };
        if (expressible) {
          for (String role : List.of("facilitator4", "leader1", "officer1")) {
            cases.add(Arguments.of(door, trick, role));
          }
        }
      }
    }
    return cases.stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0} with {1} as {2}")
  @MethodSource("starts")
  void noStartStepsAroundTheRules(StartDoor door, Trick trick, String role) throws Exception {
    Snapshot before = snapshot();
    HttpResponse<String> response = start(door, trick, role);

    int expected;
    if (trick == Trick.SKIP_LISTENERS || trick == Trick.SKIP_IO_MAPPINGS) {
      expected = 400; // refused by the engine before anyone's rights are looked at
    } else if (!role.startsWith("facilitator")) {
      expected = door == StartDoor.PROJECT_API ? 404 : 403; // only facilitators start a grant cycle
    } else {
      expected = trick == Trick.START_INSTRUCTIONS ? 403 : 400;
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    if (expected == 400 && trick != Trick.SKIP_LISTENERS && trick != Trick.SKIP_IO_MAPPINGS) {
      assertThat(response.body()).contains(switch (trick) {
        case BUSINESS_KEY -> "businessKey";
        case ANOTHERS_GROUP -> "groupCode";
        case EXTRA_VARIABLE -> "approvedGrant";
        default -> "";
      });
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  private HttpResponse<String> start(StartDoor door, Trick trick, String role) throws Exception {
    String group = trick == Trick.ANOTHERS_GROUP ? "CBG0574006" : "CBG1912001"; // facilitator1's, facilitator4's
    Map<String, Object> proposal = new LinkedHashMap<>(Proposals.valid(group, "Thử vượt rào " + trick));
    if (trick == Trick.EXTRA_VARIABLE || trick == Trick.START_INSTRUCTIONS) {
      proposal.put(Var.APPROVED_GRANT, 25_000_000L);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("variables", WebappSession.typed(proposal));
    switch (trick) {
      case START_INSTRUCTIONS -> body.put("startInstructions",
          List.of(Map.of("type", "startBeforeActivity", "activityId", Element.COMMIT_GRANT)));
      case SKIP_LISTENERS -> body.put("skipCustomListeners", true);
      case SKIP_IO_MAPPINGS -> body.put("skipIoMappings", true);
      case BUSINESS_KEY -> body.put("businessKey", codeA);
      default -> { }
    }
    String path = "/process-definition/key/" + SubprojectGrantProcess.KEY
        + (door == StartDoor.ENGINE_START ? "/start" : "/submit-form");
    return switch (door) {
      case ENGINE_START, ENGINE_SUBMIT_FORM -> engine(role).postJson("/engine-rest" + path, JSON.writeValueAsString(body));
      case TASKLIST_SUBMIT_FORM -> tasklist(role).post(path, body);
      case PROJECT_API -> api(role).submitProposal(JSON.writeValueAsString(proposal));
    };
  }

  @Test
  @Order(2)
  void aFacilitatorsOwnStartThroughEngineRestGetsTheApplicationsCodeAndTheGroupsFacilitator() throws Exception {
    HttpResponse<String> started = engine("facilitator4").postJson("/engine-rest/process-definition/key/"
        + SubprojectGrantProcess.KEY + "/start", JSON.writeValueAsString(Map.of("variables",
        WebappSession.typed(Proposals.valid("CBG1912001", "Giếng nước bản Trường Sơn")))));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instance = JSON.readTree(started.body()).get("id").asText();
    assertThat(JSON.readTree(started.body()).get("businessKey").asText()).startsWith("TDA-");
    assertThat(runtime.getVariable(instance, Var.FACILITATOR_ID)).isEqualTo("facilitator4");
    assertThat(runtime.getVariable(instance, Var.COMMUNE_LEADERS_GROUP)).isEqualTo("commune19120");
  }

  // ---------------------------------------------------------------- variables

  enum VariablePath {
    TASK_PUT("PUT", "/task/{task}/variables/communeLeadersGroup", "{\"value\":\"facilitators\",\"type\":\"String\"}"),
    TASK_MODIFY("POST", "/task/{task}/variables",
        "{\"modifications\":{\"facilitatorId\":{\"value\":\"facilitator4\",\"type\":\"String\"}}}"),
    TASK_LOCAL_PUT("PUT", "/task/{task}/localVariables/approvedGrant", "{\"value\":99000000,\"type\":\"Long\"}"),
    TASK_DELETE("DELETE", "/task/{task}/variables/title", null),
    INSTANCE_PUT("PUT", "/process-instance/{instance}/variables/facilitatorId",
        "{\"value\":\"facilitator4\",\"type\":\"String\"}"),
    INSTANCE_MODIFY("POST", "/process-instance/{instance}/variables",
        "{\"modifications\":{\"approvedGrant\":{\"value\":99000000,\"type\":\"Long\"}},\"deletions\":[\"title\"]}"),
    EXECUTION_LOCAL_PUT("PUT", "/execution/{instance}/localVariables/facilitatorId",
        "{\"value\":\"facilitator4\",\"type\":\"String\"}");

    final String method;
    final String path;
    final String body;

    VariablePath(String method, String path, String body) {
      this.method = method;
      this.path = path;
      this.body = body;
    }
  }

  static Stream<Arguments> variableWrites() {
    List<Arguments> cases = new ArrayList<>();
    for (VariablePath path : VariablePath.values()) {
      for (boolean throughTasklist : new boolean[] {false, true}) {
        for (String role : List.of("leader1", "facilitator1", "officer1", "leader4", "facilitator4")) {
          cases.add(Arguments.of(path, throughTasklist ? "Tasklist API" : "engine-rest", role));
        }
      }
    }
    return cases.stream();
  }

  @Order(3)
  @ParameterizedTest(name = "{0} through {1} as {2}")
  @MethodSource("variableWrites")
  void nobodyWritesAStepsVariables(VariablePath path, String door, String role) {
    Snapshot before = snapshot();
    String target = path.path.replace("{task}", reviewA).replace("{instance}", instanceA);
    HttpResponse<String> response = door.equals("engine-rest")
        ? engine(role).send(path.method, "/engine-rest" + target, path.body)
        : tasklist(role).send(path.method, target, path.body == null ? null : "application/json", path.body);
    // the review's own people and DWC, who see it, are refused; others are told nothing is there
    assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
    if (role.equals("leader1")) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- a step's fields

  enum StepDoor { ENGINE_COMPLETE, ENGINE_SUBMIT_FORM, TASKLIST_SUBMIT_FORM, PROJECT_API }

  @Order(4)
  @ParameterizedTest(name = "{0}")
  @MethodSource("stepDoors")
  void aStepTakesOnlyItsOwnFields(StepDoor door) throws Exception {
    Snapshot before = snapshot();
    Map<String, Object> fields = Map.of(Var.REVIEW_DECISION, "ENDORSE", Var.FACILITATOR_ID, "facilitator4",
        Var.APPROVED_GRANT, 99_000_000L);
    HttpResponse<String> response = reviewAsLeader1(door, fields);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(Var.FACILITATOR_ID).contains(Var.APPROVED_GRANT);
    assertThat(tasks.createTaskQuery().taskId(reviewA).count()).isEqualTo(1);
    assertThat(snapshot()).isEqualTo(before);
  }

  /**
   * The form's own rules hold at every door: a choice the form does not offer, a text longer
   * than it allows, a required field left out; each named, nothing written.
   */
  @Order(4)
  @ParameterizedTest(name = "{0}")
  @MethodSource("stepDoors")
  void aStepTakesOnlyWhatItsFormAllows(StepDoor door) throws Exception {
    Snapshot before = snapshot();
    for (Map<String, Object> fields : List.<Map<String, Object>>of(
        Map.of(Var.REVIEW_DECISION, "MAYBE", Var.REVIEW_COMMENT, "x".repeat(4001)),
        Map.of(Var.REVIEW_COMMENT, "Xã chưa quyết"))) {
      HttpResponse<String> response = reviewAsLeader1(door, fields);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).as(fields.toString()).contains(Var.REVIEW_DECISION);
      if (fields.containsKey(Var.REVIEW_DECISION)) {
        assertThat(response.body()).contains(Var.REVIEW_COMMENT).contains("ENDORSE");
      }
    }
    assertThat(tasks.createTaskQuery().taskId(reviewA).count()).isEqualTo(1);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Order(4)
  @Test
  void theFormsRulesHoldForTheJavaApiToo() {
    Snapshot before = snapshot();
    identity.setAuthentication("leader1", List.of("commune05740"));
    try {
      assertThatThrownBy(() -> tasks.complete(reviewA, Map.of(Var.REVIEW_DECISION, "MAYBE")))
          .isInstanceOf(ProcessEngineException.class).hasMessageContaining(Var.REVIEW_DECISION)
          .hasMessageContaining("ENDORSE");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(tasks.createTaskQuery().taskId(reviewA).count()).isEqualTo(1);
    assertThat(snapshot()).isEqualTo(before);
  }

  /** Commune A's leader completes its review with these fields through one door. */
  private HttpResponse<String> reviewAsLeader1(StepDoor door, Map<String, Object> fields) throws Exception {
    String typed = JSON.writeValueAsString(Map.of("variables", WebappSession.typed(fields)));
    return switch (door) {
      case ENGINE_COMPLETE -> engine("leader1").postJson("/engine-rest/task/" + reviewA + "/complete", typed);
      case ENGINE_SUBMIT_FORM -> engine("leader1").postJson("/engine-rest/task/" + reviewA + "/submit-form", typed);
      case TASKLIST_SUBMIT_FORM -> tasklist("leader1").send("POST", "/task/" + reviewA + "/submit-form",
          "application/json", typed);
      case PROJECT_API -> api("leader1").postJson("/api/subprojects/" + codeA + "/tasks/" + Element.REVIEW_PROPOSAL,
          JSON.writeValueAsString(fields));
    };
  }

  static Stream<StepDoor> stepDoors() {
    return Stream.of(StepDoor.values());
  }

  // ---------------------------------------------------------------- expressions

  static Stream<Arguments> expressionQueries() {
    List<Arguments> cases = new ArrayList<>();
    String or = "{\"orQueries\":[{\"assigneeExpression\":\"" + EVIL + "\"}]}";
    String nested = "{\"processDefinitionKey\":\"subprojectGrant\",\"orQueries\":[{\"candidateGroupExpression\":\""
        + EVIL + "\",\"dueDateExpression\":\"${now()}\"}]}";
    for (String contentType : List.of("application/json", "application/JSON", "Application/Json; charset=UTF-8")) {
      for (String path : List.of("/task", "/task/count", "/filter/{filter}/list", "/filter/{filter}/count")) {
        cases.add(Arguments.of("engine-rest", path, contentType, or));
        cases.add(Arguments.of("Tasklist API", path, contentType, nested));
      }
    }
    cases.add(Arguments.of("engine-rest", "/task", "application/json", "{\"assigneeExpression\":\"" + EVIL + "\"}"));
    return cases.stream();
  }

  @Order(5)
  @ParameterizedTest(name = "{0} {1} ({2})")
  @MethodSource("expressionQueries")
  void noExpressionInAnyQueryAPersonSends(String door, String path, String contentType, String body) {
    String filter = firstSharedFilter();
    String target = path.replace("{filter}", filter);
    HttpResponse<String> refused = door.equals("engine-rest")
        ? engine("facilitator1").post("/engine-rest" + target, contentType, body)
        : tasklist("leader1").send("POST", target, contentType, body);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(sentinelExists()).isFalse();
    // the same query without its expressions is answered: the refusal is the expression's
    HttpResponse<String> plain = door.equals("engine-rest")
        ? engine("facilitator1").post("/engine-rest" + target, contentType, "{\"orQueries\":[{\"assignee\":\"x\"}]}")
        : tasklist("leader1").send("POST", target, contentType, "{\"orQueries\":[{\"assignee\":\"x\"}]}");
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void aPersonWhoMaySaveFiltersSavesNoneWithAnExpression() {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId("leader1");
    grant.setResource(Resources.FILTER);
    grant.setResourceId(Authorization.ANY);
    grant.addPermission(Permissions.CREATE);
    String id = authorizations.saveAuthorization(grant).getId();
    undo.add(() -> authorizations.deleteAuthorization(id));
    long filtersBefore = filters.createFilterQuery().count();
    HttpResponse<String> refused = engine("leader1").postJson("/engine-rest/filter/create", "{\"resourceType\":"
        + "\"Task\",\"name\":\"x\",\"query\":{\"orQueries\":[{\"candidateGroupExpression\":\"" + EVIL + "\"}]}}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(filters.createFilterQuery().count()).isEqualTo(filtersBefore);
    HttpResponse<String> plain = engine("leader1").postJson("/engine-rest/filter/create", "{\"resourceType\":"
        + "\"Task\",\"name\":\"Việc của tôi\",\"query\":{\"assignee\":\"leader1\"}}");
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    undo.add(() -> filters.deleteFilter(WebappSession.parse(plain.body()).get("id").asText()));
    assertThat(sentinelExists()).isFalse();
  }

  @Test
  @Order(6)
  void noExpressionThroughTheJavaApiEither() {
    identity.setAuthentication("facilitator1", List.of("facilitators"));
    undo.add(identity::clearAuthentication);
    assertThatThrownBy(() -> tasks.createTaskQuery().or().taskCandidateGroupExpression(EVIL).endOr().count())
        .isInstanceOf(BadUserRequestException.class);
    assertThatThrownBy(() -> filters.count(firstSharedFilter(),
        tasks.createTaskQuery().or().taskAssigneeExpression(EVIL).endOr())).isInstanceOf(BadUserRequestException.class);
    assertThat(sentinelExists()).isFalse();
  }

  // ---------------------------------------------------------------- modification, restart, money

  @Test
  @Order(7)
  void nobodyButAnAdministratorModifiesOrRestartsAnInstance() {
    Snapshot before = snapshot();
    String definition = runtime.createProcessInstanceQuery().processInstanceId(instanceA).singleResult()
        .getProcessDefinitionId();
    for (String role : List.of("officer1", "leader1", "facilitator1", "director1")) {
      HttpResponse<String> modified = engine(role).postJson("/engine-rest/process-instance/" + instanceA
          + "/modification", "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\""
          + Element.COMMIT_GRANT + "\"}]}");
      assertThat(modified.statusCode()).as(role + ": " + modified.body()).isEqualTo(403);
      HttpResponse<String> restarted = engine(role).postJson("/engine-rest/process-definition/" + definition
          + "/restart", "{\"processInstanceIds\":[\"" + instanceA + "\"],\"instructions\":[{\"type\":"
          + "\"startBeforeActivity\",\"activityId\":\"" + Element.COMMIT_GRANT + "\"}]}");
      assertThat(restarted.statusCode()).as(role + ": " + restarted.body()).isIn(403, 404);
      HttpResponse<String> throughTasklist = tasklist(role.equals("facilitator1") ? "leader1" : role).send("POST",
          "/process-instance/" + instanceA + "/modification", "application/json",
          "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + Element.COMMIT_GRANT + "\"}]}");
      assertThat(throughTasklist.statusCode()).as(role + ": " + throughTasklist.body()).isEqualTo(403);
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  @Order(8)
  void theLedgerCommitsNothingThatNoApprovalRecorded() {
    long ledger = count("ledger_entry");
    // even the engine itself, started past every step, cannot commit money nobody approved
    assertThatThrownBy(() -> runtime.createProcessInstanceByKey(SubprojectGrantProcess.KEY).businessKey(codeA)
        .startBeforeActivity(Element.COMMIT_GRANT).setVariables(Map.of(Var.FUND_CODE, "CM", Var.CYCLE_CODE,
            "CM-2026-1", Var.UNIT_CODE, "0574006", Var.COMMUNE_CODE, "05740", Var.APPROVED_GRANT, 25_000_000L))
        .execute()).isInstanceOf(ProcessEngineException.class).hasMessageContaining(codeA);
    assertThat(count("ledger_entry")).isEqualTo(ledger);
  }

  // ---------------------------------------------------------------- separation of duties

  @Test
  @Order(9)
  void theOfficerWhoAppraisedDoesNotApproveAsDirector() {
    String instance = submitted("CBG0574001");
    member("officer1", "dwcDirectors");
    recorded(instance, Element.APPRAISE_PROPOSAL, "officer1", "APPROVE", 15_000_000L);
    String approval = moveTo(instance, Element.APPROVE_AS_DIRECTOR);
    HttpResponse<String> refused = engine("officer1").postJson("/engine-rest/task/" + approval + "/complete",
        "{\"variables\":{\"directorDecision\":{\"value\":\"APPROVE\"}}}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("thẩm định").contains("appraised");
    assertThat(tasks.createTaskQuery().taskId(approval).count()).isEqualTo(1);
    // nor claims it, to hold it from the directors who may
    HttpResponse<String> claim = engine("officer1").postJson("/engine-rest/task/" + approval + "/claim",
        "{\"userId\":\"officer1\"}");
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(403);
    assertThat(claim.body()).contains("thẩm định").contains("appraised");
    assertThat(tasks.createTaskQuery().taskId(approval).singleResult().getAssignee()).isNull();
  }

  @Test
  @Order(10)
  void aFacilitatorNeitherEvaluatesNorClosesTheirOwnSubproject() {
    String instance = submitted("CBG0574002");
    member("facilitator1", "commune05740");
    member("facilitator1", "dwcOfficers");
    for (String step : List.of(Element.EVALUATE_RESULTS, Element.CLOSE_SUBPROJECT)) {
      String task = moveTo(instance, step);
      HttpResponse<String> refused = engine("facilitator1").postJson("/engine-rest/task/" + task + "/complete",
          "{\"variables\":{}}");
      assertThat(refused.statusCode()).as(step + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("của mình").contains("their own");
      assertThat(tasks.createTaskQuery().taskId(task).count()).isEqualTo(1);
    }
  }

  @Test
  @Order(11)
  void whoeverRecordedAPaymentDoesNotConfirmItsReceipt() {
    String instance = submitted("CBG0574004");
    recorded(instance, Element.RECORD_DISBURSEMENT_TASK, "facilitator1", "SUBMITTED", 10_500_000L);
    String receipt = moveTo(instance, Element.CONFIRM_RECEIPT);
    HttpResponse<String> refused = engine("facilitator1").postJson("/engine-rest/task/" + receipt + "/complete",
        "{\"variables\":{\"receiptDate\":{\"value\":\"2027-01-07\"}}}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(refused.body()).contains("xác nhận").contains("receipt");
  }

  @Test
  @Order(11)
  void aStepOfOnePersonsOwnIsNotHandedOnEvenBySomeoneGivenTheRightTo() {
    directory.saveGroup(new CommunityGroup("CBG0574081", GroupKind.CBG, "Nhóm thử xóm Cầu Đá 81", "0574001", null,
        "facilitator1"));
    String revision = moveTo(submitted("CBG0574081"), Element.REVISE_PROPOSAL);
    assertThat(tasks.createTaskQuery().taskId(revision).singleResult().getAssignee()).isEqualTo("facilitator1");
    // a right to assign the step, given by mistake (the programme's rights give it to nobody)
    Authorization right = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    right.setUserId("facilitator2");
    right.setResource(Resources.TASK);
    right.setResourceId(revision);
    right.addPermission(TaskPermissions.TASK_ASSIGN);
    authorizations.saveAuthorization(right);
    undo.add(() -> authorizations.deleteAuthorization(right.getId()));
    for (String body : List.of("{\"userId\":\"facilitator2\"}", "{\"userId\":null}")) {
      HttpResponse<String> refused = engine("facilitator2").postJson("/engine-rest/task/" + revision + "/assignee",
          body);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("việc riêng của người được giao").contains("assignee's own");
      // the Tasklist's engine API, the same
      HttpResponse<String> inTasklist = tasklist("facilitator2").send("POST", "/task/" + revision + "/assignee",
          "application/json", body);
      assertThat(inTasklist.statusCode()).as(inTasklist.body()).isEqualTo(403);
      assertThat(inTasklist.body()).contains("việc riêng của người được giao");
    }
    identity.setAuthentication("facilitator2", List.of("facilitators"));
    try {
      assertThatThrownBy(() -> tasks.setAssignee(revision, "facilitator2")).hasMessageContaining("việc riêng");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(tasks.createTaskQuery().taskId(revision).singleResult().getAssignee()).isEqualTo("facilitator1");
  }

  // ---------------------------------------------------------------- who a task is for: the directory

  @Test
  @Order(12)
  void aCommunesStepGoesToTheLeadersOfTheGroupsCommuneWhateverTheVariablesSay() {
    String instance = submitted("CBG0574005");
    runtime.setVariable(instance, Var.COMMUNE_LEADERS_GROUP, "facilitators"); // as only the engine itself could
    String evaluation = moveTo(instance, Element.EVALUATE_RESULTS);
    assertThat(tasks.getIdentityLinksForTask(evaluation)).filteredOn(link -> link.getGroupId() != null)
        .extracting(link -> link.getGroupId()).containsExactly("commune05740");
  }

  @Test
  @Order(13)
  void aFacilitatorsStepGoesToTheGroupsCurrentFacilitator() {
    String instance = submitted("CBG0574007");
    CommunityGroup group = directory.findGroup("CBG0574007").orElseThrow();
    directory.saveGroup(group.withFacilitator("facilitator2"));
    undo.add(() -> directory.saveGroup(group));
    String revision = moveTo(instance, Element.REVISE_PROPOSAL);
    assertThat(tasks.createTaskQuery().taskId(revision).singleResult().getAssignee()).isEqualTo("facilitator2");
  }

  // ---------------------------------------------------------------- last: the review done as it should be

  @Test
  @Order(20)
  void readOnlyFieldsSentBackAreLeftOutAndTheReviewGoesOn() {
    String title = (String) runtime.getVariable(instanceA, Var.TITLE);
    HttpResponse<String> done = tasklist("leader1").post("/task/" + reviewA + "/submit-form", Map.of("variables",
        WebappSession.typed(Map.of(Var.REVIEW_DECISION, "ENDORSE", Var.TITLE, "Tên đã bị đổi",
            "attachmentList", "(không có)"))));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(runtime.getVariable(instanceA, Var.TITLE)).isEqualTo(title);
    assertThat(tasks.createTaskQuery().processInstanceId(instanceA).singleResult().getTaskDefinitionKey())
        .isEqualTo(Element.APPRAISE_PROPOSAL);
  }

  // ---------------------------------------------------------------- helpers

  /** What an attack must leave as it was. */
  record Snapshot(long instances, long ledger, long decisions, long subprojects, Map<String, Object> variablesA,
      List<String> candidatesOfReview) {
  }

  private Snapshot snapshot() {
    return new Snapshot(history.createHistoricProcessInstanceQuery().count(), count("ledger_entry"),
        count("decision_log"), count("subproject"), new java.util.TreeMap<>(runtime.getVariables(instanceA)),
        tasks.getIdentityLinksForTask(reviewA).stream().map(link -> link.getType() + ":" + link.getGroupId() + ":"
            + link.getUserId()).sorted().toList());
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private boolean sentinelExists() {
    return jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?").param(SENTINEL)
        .query(Long.class).single() > 0;
  }

  private String firstSharedFilter() {
    JsonNode filters = WebappSession.parse(engine("leader1").get("/engine-rest/filter?resourceType=Task").body());
    assertThat(filters.size()).isPositive();
    return filters.get(0).get("id").asText();
  }

  /** A new sub-project of facilitator1 in Hoàng Nông, waiting for its review (one a group: a second is ineligible). */
  private String submitted(String group) {
    try {
      HttpResponse<String> response = api("facilitator1").submitProposal(
          JSON.writeValueAsString(Proposals.valid(group, "Bốn mắt " + System.nanoTime())));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return JSON.readTree(response.body()).get("processInstanceId").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves the instance to a step as only the application may, and gives that step's task. */
  private String moveTo(String instance, String step) {
    runtime.createProcessInstanceModification(instance).cancelAllForActivity(currentStep(instance))
        .startBeforeActivity(step).execute();
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(step).singleResult().getId();
  }

  private String currentStep(String instance) {
    return tasks.createTaskQuery().processInstanceId(instance).singleResult().getTaskDefinitionKey();
  }

  private void recorded(String instance, String step, String actor, String outcome, long amount) {
    String code = (String) runtime.getVariable(instance, Var.SUBPROJECT_CODE);
    auditTrail.append(new AuditEntry(code, instance, step, step, outcome, null, amount, actor, Instant.now()));
  }

  private void member(String user, String group) {
    identity.createMembership(user, group);
    undo.add(() -> identity.deleteMembership(user, group));
  }

  private ApiClient engine(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private ApiClient api(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private WebappSession tasklist(String user) {
    return WebappSession.login(base(), user, "demo");
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
