package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.rest.impl.NamedProcessEngineRestServiceImpl;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.directory.DemoDataLoader;
import org.pcm2.grants.directory.DirectoryCounts;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.WebappSession;
import org.pcm2.grants.system.EngineRestJson.SharedObjectMapper;
import org.pcm2.grants.system.EngineRestJson.WebappEngineApi;
import org.pcm2.grants.support.WebappLogin;
import org.pcm2.grants.tasklist.TasklistFilters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The whole application on PostgreSQL, as a new user starts it. */
class ApplicationOnPostgresIT extends PostgresIntegrationTest {

  @LocalServerPort
  private int port;
  @LocalManagementPort
  private int managementPort;
  @Autowired
  private TestRestTemplate http;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private RepositoryService repository;
  @Autowired
  private IdentityService identity;
  @Autowired
  private DirectoryService directory;
  @Autowired
  private DemoDataLoader demoData;
  @Autowired
  private TasklistFilters filters;
  @Autowired
  private FilterService filterService;
  @Autowired
  private ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired
  private TransactionTemplate transactions;
  @Autowired
  private TaskService taskService;
  @Autowired
  private ResourceConfig engineRest;
  @Autowired
  private ServletContext servletContext;
  @Autowired
  private DataSource dataSource;

  @Test
  void runsOnPostgres() {
    assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo(DATABASE);
  }

  @Test
  void engineTablesCarryTheIndexesOfNationalScaleAndEveryQueryIsPlannedForItsValues() {
    assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'pcm_idx_%'").query(String.class)
        .list()).containsExactlyInAnyOrder("pcm_idx_auth_user_id", "pcm_idx_task_def_key_cover", "pcm_idx_job_duedate",
            "pcm_idx_auth_task_read_group", "pcm_idx_auth_task_read_user", "pcm_idx_auth_variable_read_group",
            "pcm_idx_auth_variable_read_user");
    // the engine's checks of a task query and of a variable query name the rights exactly as
    // the partial indexes do, so PostgreSQL reads only the person's and their groups' rights
    // (on the demo's few rows it walks one small partial index; at national scale it combines
    // the two: docs/benchmarks.md)
    assertThat(plan("""
        SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2
        AND (A.USER_ID_ IN ('officer1', '*') OR A.GROUP_ID_ IN ('dwcOfficers'))
        AND ((A.RESOURCE_TYPE_ = 7 AND A.PERMS_ & 2 = 2 OR A.RESOURCE_TYPE_ = 6 AND A.PERMS_ & 64 = 64))
        """)).contains("pcm_idx_auth_task_read_");
    assertThat(plan("""
        SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE A.TYPE_ < 2
        AND (A.USER_ID_ IN ('officer1', '*') OR A.GROUP_ID_ IN ('dwcOfficers'))
        AND ((A.RESOURCE_TYPE_ = 8 AND A.PERMS_ & 2 = 2 OR A.RESOURCE_TYPE_ = 6 AND A.PERMS_ & 512 = 512
          OR A.RESOURCE_TYPE_ = 7 AND A.PERMS_ & 2 = 2))
        """)).contains("pcm_idx_auth_variable_read_");
    // the steps' index carries every column a queue's count reads, so that at national scale
    // PostgreSQL counts from the index alone (on the demo's few tasks any plan is as good)
    assertThat(jdbc.sql("SELECT pg_get_indexdef('pcm_idx_task_def_key_cover'::regclass)").query(String.class).single())
        .endsWith("(task_def_key_) INCLUDE (id_, proc_def_id_, tenant_id_, case_execution_id_)");
    // the engine's queries are planned for their values, the rest as PostgreSQL sees fit
    String withoutQuery = transactions.execute(status -> jdbc.sql("SHOW plan_cache_mode").query(String.class).single());
    assertThat(withoutQuery).isEqualTo("auto");
    String afterQuery = transactions.execute(status -> {
      taskService.createTaskQuery().taskCandidateGroup("dwcOfficers").count();
      return jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
    });
    assertThat(afterQuery).isEqualTo("force_custom_plan");
    String changeAfterQuery = transactions.execute(status -> {
      taskService.createTaskQuery().taskCandidateGroup("dwcOfficers").count();
      engineConfiguration.getManagementService().getTableCount();
      return jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
    });
    assertThat(changeAfterQuery).as("a command that is not a query, after one").isEqualTo("auto");
    String afterStepLookUp = transactions.execute(status -> {
      taskService.createTaskQuery().processInstanceBusinessKey("SP-NONE").taskDefinitionKey("leaderReview").list();
      identity.createGroupQuery().groupMember("leader1").list();
      return jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
    });
    assertThat(afterStepLookUp).as("queries that name their one instance or person").isEqualTo("auto");
    assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).as("only for that transaction")
        .isEqualTo("auto");
    assertThat(engineIndexMigrations()).containsExactly("BASELINE 0", "SQL 1");
  }

  @Test
  void flywayRunsTheJavaMigrationWithTheSqlOnes() {
    assertThat(jdbc.sql("SELECT type FROM flyway_schema_history WHERE success AND description = ?")
        .param("contribution by kind from the process history").query(String.class).list()).containsExactly("JDBC");
  }

  @Test
  void databaseWhoseIndexesAnEarlierVersionMadeTakesTheIndexMigrationWithoutError() throws Exception {
    // as an earlier version left it: its start-up step made the indexes, with the plain index
    // on the steps' key of its first release, and there is no history of these migrations
    jdbc.sql("DROP TABLE " + EngineIndexMigration.HISTORY_TABLE).update();
    jdbc.sql("CREATE INDEX pcm_idx_task_def_key ON act_ru_task (task_def_key_)").update();

    assertThat(EngineIndexMigration.migrate(dataSource).success).isTrue();

    assertThat(engineIndexMigrations()).containsExactly("BASELINE 0", "SQL 1");
    assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'pcm_idx_task_def_key%'")
        .query(String.class).list()).containsExactly("pcm_idx_task_def_key_cover");
  }

  private List<String> engineIndexMigrations() {
    return jdbc.sql("SELECT type || ' ' || version FROM " + EngineIndexMigration.HISTORY_TABLE
        + " WHERE success AND version IS NOT NULL ORDER BY installed_rank").query(String.class).list();
  }

  private String plan(String query) {
    return transactions.execute(status -> {
      jdbc.sql("SET LOCAL enable_seqscan = off").update(); // the demo's tables are small enough to read whole
      return String.join("\n", jdbc.sql("EXPLAIN " + query).query(String.class).list());
    });
  }

  @Test
  void bothEngineApisShareOneJsonMapperAndWriteCamundasFormat() throws Exception {
    assertThat(engineRest).isInstanceOf(EngineRestJson.class);
    assertThat(engineRest.getClasses()).contains(SharedObjectMapper.class).doesNotContain(JacksonConfigurator.class);
    assertThat(servletContext.getServletRegistration("Engine Api").getInitParameter("jakarta.ws.rs.Application"))
        .isEqualTo(WebappEngineApi.class.getName());
    assertThat(new WebappEngineApi().getClasses()).contains(SharedObjectMapper.class,
        NamedProcessEngineRestServiceImpl.class).doesNotContain(JacksonConfigurator.class);

    // a proposal waiting for its commune's leaders, read through both APIs as Camunda writes it
    String base = "http://localhost:" + port;
    HttpResponse<String> created = new ApiClient(base, "facilitator1", "demo").submitProposal(
        new ObjectMapper().writeValueAsString(Proposals.valid("CBG0574003", "Kênh mương thôn Nà Làng")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = WebappSession.parse(created.body()).get("code").asText();
    String query = "/task?processVariables=subprojectCode_eq_" + code;
    JsonNode viaEngineRest = WebappSession.parse(new ApiClient(base, "leader1", "demo").get("/engine-rest" + query).body());
    JsonNode viaTasklist = WebappSession.login(base, "leader1", "demo").get(query);
    for (JsonNode tasks : List.of(viaEngineRest, viaTasklist)) {
      assertThat(tasks).hasSize(1);
      assertThat(tasks.get(0).get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}");
      assertThat(tasks.get(0).get("name").asText()).contains("Xã xem xét");
    }
    assertThat(viaTasklist.get(0).get("id")).isEqualTo(viaEngineRest.get(0).get("id"));
  }

  @Test
  void decisionTablesRunOnTheFeelEngineTheirTestsUse() {
    // DecisionTables and the process tests' engine evaluate with the legacy FEEL engine too
    assertThat(engineConfiguration.isDmnFeelEnableLegacyBehavior()).isTrue();
  }

  @Test
  void probesAreOpenOnTheMainPortAndMetricsOnlyOnTheManagementPort() {
    ApiClient anonymous = new ApiClient("http://localhost:" + port, null, null);
    for (String probe : List.of("/livez", "/readyz")) {
      HttpResponse<String> answer = anonymous.get(probe);
      assertThat(answer.statusCode()).as(probe).isEqualTo(200);
      assertThat(answer.body()).contains("\"UP\"").doesNotContain("components");
    }
    // the main port serves neither metrics nor detailed health, signed in or not
    for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/metrics", "/actuator")) {
      for (ApiClient client : List.of(anonymous, new ApiClient("http://localhost:" + port, "officer1", "demo"))) {
        HttpResponse<String> answer = client.get(path);
        assertThat(answer.statusCode()).as(path).isNotEqualTo(200);
        assertThat(answer.body()).as(path).doesNotContain("jvm_memory_used_bytes").doesNotContain("hikaricp");
      }
    }
    // the management port (this machine only) serves them
    String management = "http://127.0.0.1:" + managementPort;
    assertThat(http.getForObject(management + "/actuator/prometheus", String.class))
        .contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    assertThat(http.getForObject(management + "/actuator/health", String.class)).contains("\"db\"");
  }

  @Test
  void everyModelInProcessesIsDeployed() throws IOException {
    List<String> files;
    try (Stream<Path> paths = Files.list(Path.of("processes"))) {
      files = paths.map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form"))
          .toList();
    }
    List<String> deployed = repository.createDeploymentQuery().list().stream()
        .flatMap(d -> repository.getDeploymentResources(d.getId()).stream())
        .map(Resource::getName)
        .map(name -> Path.of(name).getFileName().toString())
        .toList();
    assertThat(files).isNotEmpty();
    assertThat(deployed).containsAll(files);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("subprojectGrant").count())
        .isEqualTo(1);
  }

  @Test
  void demoDataHasTheProgrammeShapeAndVietnameseNames() {
    DirectoryCounts counts = directory.counts();
    assertThat(counts.hamlets()).isEqualTo(160);
    assertThat(counts.schools()).isEqualTo(24);
    assertThat(counts.communes()).isEqualTo(24);
    assertThat(directory.findPlace("05740")).get().extracting(p -> p.name()).isEqualTo("Xã Hoàng Nông");
    assertThat(directory.roots()).extracting(p -> p.name()).containsExactlyInAnyOrder("Tỉnh Thái Nguyên", "Tỉnh Quảng Bình");
    assertThat(identity.createUserQuery().memberOfGroup("commune05740").list())
        .extracting(u -> u.getId()).containsExactlyInAnyOrder("leader1", "leader2");
  }

  @Test
  void demoLoaderIsIdempotent() {
    DirectoryCounts before = directory.counts();
    long users = identity.createUserQuery().count();
    long groups = identity.createGroupQuery().count();
    long memberships = jdbc.sql("SELECT COUNT(*) FROM act_id_membership").query(Long.class).single();

    demoData.load();

    assertThat(directory.counts()).isEqualTo(before);
    assertThat(identity.createUserQuery().count()).isEqualTo(users);
    assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_id_membership").query(Long.class).single()).isEqualTo(memberships);
  }

  @Test
  void demoFacilitatorLogsInToTheTasklist() throws Exception {
    HttpResponse<String> response = WebappLogin.login("http://localhost:" + port, "tasklist", "facilitator1", "demo");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"userId\":\"facilitator1\"").contains("tasklist");
  }

  @Test
  void sharedTasklistFiltersExistOnceEvenAfterAnotherStart() throws Exception {
    filters.run(null);
    assertThat(filterService.createTaskFilterQuery().list()).extracting(f -> f.getName())
        .containsExactlyInAnyOrder("Việc của tôi (My tasks)", "Việc chờ nhóm của tôi (My groups' tasks)",
            "Việc chờ xã tôi (Waiting for my commune)", "Chờ duyệt (Approvals waiting)",
            "Khoản cần chi (Payments to record)", "Việc quá hạn (Overdue)");
  }

  @Test
  void wrongPasswordIsRefused() throws Exception {
    HttpResponse<String> response = WebappLogin.login("http://localhost:" + port, "tasklist", "facilitator2", "wrong");
    assertThat(response.statusCode()).isEqualTo(401);
  }
}
