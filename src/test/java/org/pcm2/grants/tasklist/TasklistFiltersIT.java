package org.pcm2.grants.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared filters on PostgreSQL, as the Tasklist uses them (engine-rest, signed in):
 * each role sees its own filters, each filter lists the right work with the sub-project's
 * columns, and a leader's commune filter holds nothing of another commune.
 */
class TasklistFiltersIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  private int port;
  @Autowired
  private TaskService tasks;
  @Autowired
  private RuntimeService runtime;

  @Test
  void eachRoleSeesItsFiltersAndEachFilterListsItsWork() throws Exception {
    assertThat(filterNames("leader1")).containsExactlyInAnyOrder(TasklistFilters.MINE, TasklistFilters.MY_GROUPS,
        TasklistFilters.MY_COMMUNE, TasklistFilters.OVERDUE);
    assertThat(filterNames("officer1")).containsExactlyInAnyOrder(TasklistFilters.MINE, TasklistFilters.MY_GROUPS,
        TasklistFilters.APPROVALS, TasklistFilters.OVERDUE);
    assertThat(filterNames("finance1")).containsExactlyInAnyOrder(TasklistFilters.MINE, TasklistFilters.MY_GROUPS,
        TasklistFilters.PAYMENTS, TasklistFilters.OVERDUE);
    assertThat(filterNames("director1")).contains(TasklistFilters.APPROVALS).doesNotContain(TasklistFilters.PAYMENTS);
    assertThat(filterNames("facilitator1")).containsExactlyInAnyOrder(TasklistFilters.MINE, TasklistFilters.MY_GROUPS,
        TasklistFilters.OVERDUE);
    assertThat(filterNames("admin")).isEmpty();

    JsonNode commune = filter("leader1", TasklistFilters.MY_COMMUNE);
    List<String> columns = new ArrayList<>();
    commune.at("/properties/variables").forEach(v -> columns.add(v.get("name").asText()));
    assertThat(columns).containsExactly("subprojectCode", "title", "unitName", "communeName", "requestedGrant",
        "approvedGrant");

    String code = submit("CBG0574002");
    assertThat(listed("leader1", TasklistFilters.MY_COMMUNE)).contains(code);
    assertThat(listed("leader3", TasklistFilters.MY_GROUPS)).doesNotContain(code);
    assertThat(listed("officer1", TasklistFilters.APPROVALS)).doesNotContain(code);

    String review = tasks.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId();
    assertThat(listed("leader1", TasklistFilters.OVERDUE)).doesNotContain(code);
    tasks.setDueDate(review, new Date(System.currentTimeMillis() - 86_400_000L));
    assertThat(listed("leader1", TasklistFilters.OVERDUE)).contains(code);
    assertThat(listed("leader4", TasklistFilters.OVERDUE)).doesNotContain(code);

    assertThat(engine("leader1").postJson("/engine-rest/task/" + review + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"ENDORSE\"}}}").statusCode()).isEqualTo(204);
    assertThat(listed("officer1", TasklistFilters.APPROVALS)).contains(code);
    assertThat(listed("director1", TasklistFilters.APPROVALS)).doesNotContain(code);
    assertThat(listed("finance1", TasklistFilters.PAYMENTS)).doesNotContain(code);
  }

  private List<String> filterNames(String user) throws Exception {
    List<String> names = new ArrayList<>();
    JSON.readTree(engine(user).get("/engine-rest/filter?resourceType=Task").body())
        .forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  private JsonNode filter(String user, String name) throws Exception {
    for (JsonNode f : JSON.readTree(engine(user).get("/engine-rest/filter?resourceType=Task").body())) {
      if (name.equals(f.get("name").asText())) {
        return f;
      }
    }
    throw new AssertionError(user + " has no filter " + name);
  }

  /** The business keys of what the filter lists for the user, the way the Tasklist asks. */
  private String listed(String user, String name) throws Exception {
    HttpResponse<String> list = engine(user).postJson("/engine-rest/filter/" + filter(user, name).get("id").asText()
        + "/list", "{}");
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    StringBuilder keys = new StringBuilder();
    for (JsonNode task : JSON.readTree(list.body())) {
      String instance = task.get("processInstanceId").asText();
      keys.append(runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult().getBusinessKey())
          .append(' ');
    }
    return keys.toString();
  }

  private String submit(String group) throws Exception {
    HttpResponse<String> response = engine("facilitator1").submitProposal(
        JSON.writeValueAsString(Proposals.valid(group, "Bộ lọc " + group)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("code").asText();
  }

  private ApiClient engine(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }
}
