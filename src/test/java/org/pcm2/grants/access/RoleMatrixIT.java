package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.WebappSession;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The README's role matrix, one test per cell, on PostgreSQL through HTTP: a sub-project
 * of Hoàng Nông (commune A, facilitator1, leader1) and one of Trường Sơn (commune B,
 * facilitator4, leader4); what each role can and cannot reach of commune A's sub-project
 * through engine-rest, the Tasklist's own API and the project's API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleMatrixIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> ROLES = List.of("facilitator1", "facilitator4", "leader1", "leader4", "officer1",
      "finance1", "director1", "admin");

  @LocalServerPort
  private int port;
  private String codeA;
  private String instanceA;
  private String reviewA;
  private String codeB;
  private String instanceB;
  private String reviewB;

  @BeforeAll
  void twoSubprojectsInTwoCommunes() throws Exception {
    codeA = submit("facilitator1", "CBG0574006");
    codeB = submit("facilitator4", "CBG1912001");
    JsonNode a = JSON.readTree(api("officer1").get("/api/subprojects/" + codeA).body());
    instanceA = a.at("/subproject/processInstanceId").asText();
    reviewA = a.at("/openTasks/0/id").asText();
    assertThat(reviewA).isNotEmpty();
    JsonNode b = JSON.readTree(api("officer1").get("/api/subprojects/" + codeB).body());
    instanceB = b.at("/subproject/processInstanceId").asText();
    reviewB = b.at("/openTasks/0/id").asText();
    assertThat(reviewB).isNotEmpty().isNotEqualTo(reviewA);
  }

  /** What a person reaches of commune A's sub-project: true when they get it. */
  enum Action {
    ENGINE_READ_INSTANCE("engine-rest: read A's instance", (t, u) -> t.ok(t.engine(u).get(
        "/engine-rest/process-instance/" + t.instanceA))),
    ENGINE_READ_VARIABLES("engine-rest: read A's variables", (t, u) -> t.ok(t.engine(u).get(
        "/engine-rest/process-instance/" + t.instanceA + "/variables"))),
    ENGINE_READ_HISTORY("engine-rest: read A's history", (t, u) -> t.ok(t.engine(u).get(
        "/engine-rest/history/process-instance/" + t.instanceA))),
    ENGINE_LIST_HISTORY("engine-rest: A in the history list", (t, u) -> t.listed(t.engine(u).get(
        "/engine-rest/history/process-instance?processDefinitionKey=subprojectGrant"), t.instanceA)),
    ENGINE_LIST_TASKS("engine-rest: A's review task in the task list", (t, u) -> t.listed(t.engine(u).get(
        "/engine-rest/task?processDefinitionKey=subprojectGrant"), t.reviewA)),
    ENGINE_COMPLETE_REVIEW("engine-rest: complete A's review", (t, u) -> t.ok(t.engine(u).postJson(
        "/engine-rest/task/" + t.reviewA + "/complete", "{\"variables\":{\"reviewDecision\":{\"value\":\"REJECT\"},"
            + "\"reviewComment\":{\"value\":\"matrix\"}}}"))),
    TASKLIST_LIST_TASKS("Tasklist API: A's review task in the task list", (t, u) -> {
      WebappSession session = t.tasklist(u);
      return session != null && t.listed(session.raw("/task?processDefinitionKey=subprojectGrant"), t.reviewA);
    }),
    TASKLIST_FORM_VARIABLES("Tasklist API: form of A's review", (t, u) -> {
      WebappSession session = t.tasklist(u);
      return session != null && t.ok(session.raw("/task/" + t.reviewA + "/form-variables"));
    }),
    API_READ("project API: read A", (t, u) -> t.ok(t.api(u).get("/api/subprojects/" + t.codeA))),
    API_LIST("project API: A in the list", (t, u) -> t.listed(t.api(u).get("/api/subprojects"), "code", t.codeA)),
    API_ATTACHMENTS("project API: A's attachments", (t, u) -> t.ok(t.api(u).get(
        "/api/subprojects/" + t.codeA + "/attachments"))),
    START_GRANT("start a grant cycle", (t, u) -> t.startable(u).contains("subprojectGrant")),
    START_AWARD_ROUND("start an award round", (t, u) -> t.startable(u).contains("awardRound")),
    COCKPIT("sign in to Cockpit", (t, u) -> WebappSession.loginStatus(t.base(), u, "demo", "cockpit") == 200),
    ADMIN_WEBAPP("sign in to Admin", (t, u) -> WebappSession.loginStatus(t.base(), u, "demo", "admin") == 200),
    MANAGE_USERS("create a user", (t, u) -> t.ok(t.engine(u).postJson("/engine-rest/user/create",
        "{\"profile\":{\"id\":\"matrix" + u + "\",\"email\":\"m@x.org\"},\"credentials\":{\"password\":\"Ma-Tran-2026!\"}}")));

    final String label;
    final BiFunction<RoleMatrixIT, String, Boolean> attempt;

    Action(String label, BiFunction<RoleMatrixIT, String, Boolean> attempt) {
      this.label = label;
      this.attempt = attempt;
    }
  }

  /** The matrix: for each action, the roles that may (the README's table). */
  static final Map<Action, List<String>> ALLOWED = Map.ofEntries(
      Map.entry(Action.ENGINE_READ_INSTANCE, List.of("facilitator1", "leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.ENGINE_READ_VARIABLES, List.of("facilitator1", "leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.ENGINE_READ_HISTORY, List.of("facilitator1", "leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.ENGINE_LIST_HISTORY, List.of("facilitator1", "leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.ENGINE_LIST_TASKS, List.of("leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.ENGINE_COMPLETE_REVIEW, List.of("leader1")),
      Map.entry(Action.TASKLIST_LIST_TASKS, List.of("leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.TASKLIST_FORM_VARIABLES, List.of("leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.API_READ, List.of("facilitator1", "leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.API_LIST, List.of("facilitator1", "leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.API_ATTACHMENTS, List.of("facilitator1", "leader1", "officer1", "finance1", "director1")),
      Map.entry(Action.START_GRANT, List.of("facilitator1", "facilitator4")),
      Map.entry(Action.START_AWARD_ROUND, List.of("officer1")),
      Map.entry(Action.COCKPIT, List.of("officer1", "finance1", "director1", "admin")),
      Map.entry(Action.ADMIN_WEBAPP, List.of("admin")),
      Map.entry(Action.MANAGE_USERS, List.of("admin")));

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Action action : Action.values()) {
      for (String role : ROLES) {
        if (action == Action.ENGINE_COMPLETE_REVIEW && role.equals("leader1")) {
          continue; // the one who may: completes it last (theCommunesOwnLeaderCompletesTheReview)
        }
        cells.add(Arguments.of(action, role, ALLOWED.get(action).contains(role)));
      }
    }
    return cells.stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0} by {1}: {2}")
  @MethodSource("cells")
  void cell(Action action, String role, boolean allowed) {
    assertThat(action.attempt.apply(this, role)).as("%s by %s", action.label, role).isEqualTo(allowed);
  }

  /**
   * Commune B's sub-project is absent, by identity, from every list an outsider gets: its
   * review task's id from the task lists (engine-rest and the Tasklist's own API, which
   * carry no business key), its code from the project's list, its instance's id from the
   * instance lists. The lists are not empty because they fail: leader1 finds A's review in
   * the same calls.
   */
  @Test
  @Order(2)
  void nobodyOutsideSeesCommuneBThroughAnyList() {
    assertThat(ids(engine("leader1").get("/engine-rest/task"), "id")).contains(reviewA);
    assertThat(ids(tasklist("leader1").raw("/task"), "id")).contains(reviewA);
    assertThat(ids(engine("leader4").get("/engine-rest/task"), "id")).contains(reviewB);
    for (String outsider : List.of("facilitator1", "leader1", "admin")) {
      assertThat(ids(api(outsider).get("/api/subprojects"), "code")).as(outsider).doesNotContain(codeB);
      assertThat(ids(engine(outsider).get("/engine-rest/task"), "id")).as(outsider).doesNotContain(reviewB);
      assertThat(ids(engine(outsider).get("/engine-rest/task?processInstanceId=" + instanceB), "id")).as(outsider)
          .isEmpty();
      assertThat(ids(engine(outsider).get("/engine-rest/process-instance"), "id")).as(outsider)
          .doesNotContain(instanceB);
      assertThat(ids(engine(outsider).get("/engine-rest/history/process-instance"), "id")).as(outsider)
          .doesNotContain(instanceB);
      assertThat(ids(engine(outsider).get("/engine-rest/process-instance?businessKey=" + codeB), "id"))
          .as(outsider).isEmpty();
      assertThat(ids(engine(outsider).get("/engine-rest/history/process-instance?processInstanceBusinessKey="
          + codeB), "id")).as(outsider).isEmpty();
      WebappSession session = tasklist(outsider);
      if (session != null) {
        assertThat(ids(session.raw("/task"), "id")).as(outsider).doesNotContain(reviewB);
      }
    }
  }

  @Test
  @Order(3)
  void strangersGetNothing() {
    ApiClient anonymous = new ApiClient(base(), null, null);
    assertThat(anonymous.get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/api/subprojects").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
  }

  @Test
  @Order(4)
  void theCommunesOwnLeaderCompletesTheReview() {
    HttpResponse<String> done = engine("leader1").postJson("/engine-rest/task/" + reviewA + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"ENDORSE\"}}}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }

  // ---------------------------------------------------------------- helpers

  boolean ok(HttpResponse<String> response) {
    if (response.statusCode() / 100 == 2) {
      return true;
    }
    assertThat(response.statusCode()).as("a refusal is 401, 403 or 404: %s", response.body()).isIn(401, 403, 404);
    return false;
  }

  boolean listed(HttpResponse<String> response, String id) {
    return listed(response, "id", id);
  }

  /** The response is a list that holds an entry whose field is exactly the value. */
  boolean listed(HttpResponse<String> response, String field, String value) {
    return ids(response, field).contains(value);
  }

  /** The field of every entry of a list the user got; a refusal (401, 403, 404) shows them nothing. */
  static List<String> ids(HttpResponse<String> response, String field) {
    if (response.statusCode() != 200) {
      assertThat(response.statusCode()).as("a refusal is 401, 403 or 404: %s", response.body()).isIn(401, 403, 404);
      return List.of();
    }
    try {
      JsonNode list = JSON.readTree(response.body());
      assertThat(list.isArray()).as(response.body()).isTrue();
      List<String> ids = new ArrayList<>();
      list.forEach(entry -> ids.add(entry.path(field).asText()));
      return ids;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> startable(String user) {
    try {
      List<String> keys = new ArrayList<>();
      JSON.readTree(engine(user).get("/engine-rest/process-definition?startableInTasklist=true"
          + "&startablePermissionCheck=true&latestVersion=true").body()).forEach(d -> keys.add(d.get("key").asText()));
      return keys;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  WebappSession tasklist(String user) {
    return WebappSession.loginStatus(base(), user, "demo", "tasklist") == 200
        ? WebappSession.login(base(), user, "demo") : null;
  }

  private String submit(String facilitator, String group) {
    try {
      HttpResponse<String> response = api(facilitator).submitProposal(
          JSON.writeValueAsString(Proposals.valid(group, "Ma trận quyền " + group)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return JSON.readTree(response.body()).get("code").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  ApiClient engine(String user) {
    return new ApiClient(base(), user, "demo");
  }

  ApiClient api(String user) {
    return new ApiClient(base(), user, "demo");
  }

  String base() {
    return "http://localhost:" + port;
  }
}
