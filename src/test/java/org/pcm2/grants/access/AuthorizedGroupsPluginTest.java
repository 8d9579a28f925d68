package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin changes no answer: two engines on one database, one with the plugin and one
 * without, asked the same queries by the same people (in few groups, in more than
 * {@link AuthorizedGroupsPlugin#FEW}, in groups without any authorization, in none) over
 * the same tasks, definitions and instances, give the same rows. The answers are checked
 * against what the authorizations allow as well, so that two empty answers do not agree.
 */
class AuthorizedGroupsPluginTest {

  private static final String DATABASE = "jdbc:h2:mem:authorized-groups;DB_CLOSE_DELAY=-1";
  private static final List<String> MANY = IntStream.range(0, AuthorizedGroupsPlugin.FEW + 5)
      .mapToObj(i -> "team" + i).toList();

  private static ProcessEngine withPlugin;
  private static ProcessEngine without;
  private static final Map<String, String> TASKS = new TreeMap<>();
  private static final Map<String, String> INSTANCES = new TreeMap<>();

  @BeforeAll
  static void twoEnginesOnTheSameData() {
    withPlugin = engine("with-plugin", List.of(new AuthorizedGroupsPlugin()));
    without = engine("without-plugin", List.of());
    for (String key : List.of("grantA", "grantB")) {
      withPlugin.getRepositoryService().createDeployment().addModelInstance(key + ".bpmn", Bpmn
          .createExecutableProcess(key).startEvent().userTask("review").endEvent().done()).deploy();
      ProcessInstance instance = withPlugin.getRuntimeService().startProcessInstanceByKey(key);
      INSTANCES.put(key, instance.getId());
      TASKS.put(key, withPlugin.getTaskService().createTaskQuery().processInstanceId(instance.getId())
          .singleResult().getId());
    }
    TaskService tasks = withPlugin.getTaskService();
    tasks.addCandidateGroup(TASKS.get("grantA"), "commune05740"); // the engine grants the group READ on the task
    tasks.addCandidateGroup(TASKS.get("grantB"), "commune05743");
    tasks.addCandidateGroup(TASKS.get("grantB"), "team" + (AuthorizedGroupsPlugin.FEW + 3));
    Task loose = tasks.newTask("loose");
    tasks.saveTask(loose);
    tasks.addCandidateUser("loose", "officer1");
    TASKS.put("loose", "loose");
    grant(Resources.PROCESS_DEFINITION, "grantA", "commune05740", null, Permissions.READ);
    grant(Resources.PROCESS_DEFINITION, "*", "dwcOfficers", null, Permissions.READ);
    grant(Resources.PROCESS_INSTANCE, INSTANCES.get("grantA"), "commune05740", null, Permissions.READ);
    grant(Resources.PROCESS_INSTANCE, "*", "dwcOfficers", null, Permissions.READ);
    grant(Resources.TASK, "*", "dwcOfficers", null, Permissions.READ);
    grant(Resources.TASK, TASKS.get("grantB"), "team3", null, Permissions.READ); // one group of many
  }

  @AfterAll
  static void close() {
    without.close();
    withPlugin.close();
  }

  static Stream<Arguments> people() {
    List<String> manyWithACommune = new ArrayList<>(MANY);
    manyWithACommune.add("commune05740");
    List<String> fewWithoutAuthorizations = List.of("villageElders", "schoolTeachers");
    List<String> exactlyFew = new ArrayList<>(MANY.subList(0, AuthorizedGroupsPlugin.FEW - 1));
    exactlyFew.add("dwcOfficers");
    return Stream.of(
        Arguments.of("leader1", List.of("commune05740", "communeLeaders")),
        Arguments.of("leader3", List.of("commune05743", "communeLeaders")),
        Arguments.of("officer1", List.of("dwcOfficers")),
        Arguments.of("nobody", List.of()),
        Arguments.of("elder", fewWithoutAuthorizations),
        Arguments.of("busy", manyWithACommune),
        Arguments.of("edge", exactlyFew));
  }

  /** Each query of a person, by both engines. */
  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("people")
  void theSameQueriesGiveTheSameRowsWithAndWithoutThePlugin(String user, List<String> groups) {
    Map<String, List<String>> answered = answers(withPlugin, user, groups);
    assertThat(answered).as("%s with the plugin and without", user).isEqualTo(answers(without, user, groups));
  }

  @Test
  void theAnswersAreWhatTheAuthorizationsAllow() {
    assertThat(answers(withPlugin, "leader1", List.of("commune05740", "communeLeaders"))).containsExactlyEntriesOf(
        expected(List.of(TASKS.get("grantA")), List.of("grantA"), List.of(INSTANCES.get("grantA"))));
    assertThat(answers(withPlugin, "leader3", List.of("commune05743", "communeLeaders"))).containsExactlyEntriesOf(
        expected(List.of(TASKS.get("grantB")), List.of(), List.of()));
    assertThat(answers(withPlugin, "officer1", List.of("dwcOfficers"))).containsExactlyEntriesOf(
        expected(sorted(TASKS.values()), List.of("grantA", "grantB"), sorted(INSTANCES.values())));
    assertThat(answers(withPlugin, "nobody", List.of())).containsExactlyEntriesOf(
        expected(List.of(), List.of(), List.of()));
    List<String> many = new ArrayList<>(MANY);
    many.add("commune05740");
    assertThat(answers(withPlugin, "busy", many)).containsExactlyEntriesOf(expected(
        sorted(List.of(TASKS.get("grantA"), TASKS.get("grantB"))), List.of("grantA"), List.of(INSTANCES.get("grantA"))));
  }

  @Test
  void theEngineUsesTheManagerThatKeepsFewGroupsAsTheyAre() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) withPlugin
        .getProcessEngineConfiguration();
    assertThat(configuration.getSessionFactories().get(AuthorizationManager.class).openSession())
        .isInstanceOf(AuthorizedGroupsPlugin.FewGroupsAuthorizationManager.class);
  }

  // ---------------------------------------------------------------- helpers

  /** What the person gets from each query, ids sorted. */
  private static Map<String, List<String>> answers(ProcessEngine engine, String user, List<String> groups) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      Map<String, List<String>> answers = new TreeMap<>();
      answers.put("tasks", sorted(engine.getTaskService().createTaskQuery().list(), Task::getId));
      answers.put("taskCount", List.of(String.valueOf(engine.getTaskService().createTaskQuery().count())));
      answers.put("definitions", sorted(engine.getRepositoryService().createProcessDefinitionQuery().list(),
          ProcessDefinition::getKey));
      answers.put("instances", sorted(engine.getRuntimeService().createProcessInstanceQuery().list(),
          ProcessInstance::getId));
      return answers;
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private static Map<String, List<String>> expected(List<String> tasks, List<String> definitions,
      List<String> instances) {
    Map<String, List<String>> answers = new TreeMap<>();
    answers.put("tasks", sorted(tasks));
    answers.put("taskCount", List.of(String.valueOf(tasks.size())));
    answers.put("definitions", sorted(definitions));
    answers.put("instances", sorted(instances));
    return answers;
  }

  private static <T> List<String> sorted(List<T> rows, Function<T, String> id) {
    return rows.stream().map(id).sorted().toList();
  }

  private static List<String> sorted(java.util.Collection<String> ids) {
    return ids.stream().sorted().toList();
  }

  private static void grant(Resource resource, String resourceId, String group, String user,
      Permissions permission) {
    AuthorizationService authorizations = withPlugin.getAuthorizationService();
    Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.setGroupId(group);
    authorization.setUserId(user);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }

  private static ProcessEngine engine(String name,
      List<org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin> plugins) {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl(DATABASE);
    configuration.setProcessEngineName(name);
    configuration.setAuthorizationEnabled(true);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setProcessEnginePlugins(new ArrayList<>(plugins));
    return configuration.buildProcessEngine();
  }
}
