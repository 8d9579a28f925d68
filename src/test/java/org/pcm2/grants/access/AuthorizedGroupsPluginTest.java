package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine with the plugin sees exactly what it sees without it: a person's tasks
 * through their groups' authorizations, nothing through a group without any.
 */
class AuthorizedGroupsPluginTest {

  private static ProcessEngine engine;

  @BeforeAll
  static void engine() {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:authorized-groups;DB_CLOSE_DELAY=-1");
    configuration.setProcessEngineName("authorized-groups");
    configuration.setAuthorizationEnabled(true);
    configuration.setDatabaseSchemaUpdate("create-drop");
    configuration.setProcessEnginePlugins(List.of(new AuthorizedGroupsPlugin()));
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void theEngineUsesTheManagerThatKeepsFewGroupsAsTheyAre() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    assertThat(configuration.getSessionFactories().get(AuthorizationManager.class).openSession())
        .isInstanceOf(AuthorizedGroupsPlugin.FewGroupsAuthorizationManager.class);
  }

  @Test
  void aPersonSeesTasksThroughTheirGroupsAuthorizationsOnly() {
    Task task = engine.getTaskService().newTask("review-1");
    task.setName("Xã xem xét đề xuất");
    engine.getTaskService().saveTask(task);
    // the engine grants the candidate group on the task, as for every task of the grant cycle
    engine.getTaskService().addCandidateGroup("review-1", "commune05740");
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.TASK)
        .resourceId("review-1").groupIdIn("commune05740").count()).isEqualTo(1);

    assertThat(tasksSeenBy("leader1", List.of("commune05740", "communeLeaders"))).containsExactly("review-1");
    assertThat(tasksSeenBy("leader3", List.of("commune05743", "communeLeaders"))).isEmpty();
    assertThat(tasksSeenBy("nobody", List.of())).isEmpty();
  }

  @Test
  void aPersonInManyGroupsIsStillNarrowedByTheEngine() {
    List<String> many = java.util.stream.IntStream.range(0, AuthorizedGroupsPlugin.FEW + 5)
        .mapToObj(i -> "group" + i).toList();
    assertThat(tasksSeenBy("busy", many)).isEmpty(); // no failure, no task: the engine's own path answers
  }

  private List<String> tasksSeenBy(String user, List<String> groups) {
    engine.getIdentityService().setAuthentication(user, groups);
    try {
      return engine.getTaskService().createTaskQuery().list().stream().map(Task::getId).toList();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
