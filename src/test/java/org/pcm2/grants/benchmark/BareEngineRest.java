package org.pcm2.grants.benchmark;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration;
import org.pcm2.grants.support.PostgresDatabase;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.session.SessionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What a programme would run instead of this application: a bare Camunda engine behind its
 * own engine-rest, as Camunda's Spring Boot starters give it, on a PostgreSQL database of its
 * own, with HTTP Basic sign-in (Camunda's own filter), authorization on and history full; the
 * same BPMN, decision tables and forms, the project's delegates and listeners replaced by the
 * benchmark's no-op stand-ins ({@link ThroughputBenchmark#standIns()}). Its people are the
 * demo's who take part in a grant cycle, each with the rights a plain installation would give
 * them: facilitators start a grant cycle, everyone evaluates decision tables, and a task's
 * candidates and assignee get the right to work it from the engine itself.
 */
final class BareEngineRest implements AutoCloseable {

  static final String ENGINE = "bareRest";
  private static final String PASSWORD = "demo";

  private final ConfigurableApplicationContext context;
  private final String url;
  private final String databaseUrl;

  private BareEngineRest(ConfigurableApplicationContext context, String databaseUrl) {
    this.context = context;
    this.databaseUrl = databaseUrl;
    this.url = "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/engine-rest/engine/"
        + ENGINE;
  }

  /** Starts the engine and its engine-rest on a free port, with a fresh database. */
  static BareEngineRest start() throws IOException {
    String database = PostgresDatabase.freshDatabase("pcm_bench_bare_rest");
    ConfigurableApplicationContext context = new SpringApplicationBuilder(Server.class)
        .initializers(c -> ThroughputBenchmark.standIns().forEach(c.getBeanFactory()::registerSingleton))
        .properties(
            "spring.config.name=bare-engine-rest", // none: not the application's settings
            "spring.main.banner-mode=off",
            "server.port=0",
            "spring.datasource.url=" + database,
            "spring.datasource.username=" + PostgresDatabase.USER,
            "spring.datasource.password=" + PostgresDatabase.PASSWORD,
            "camunda.bpm.process-engine-name=" + ENGINE,
            "camunda.bpm.database.schema-update=true",
            "camunda.bpm.history-level=full",
            "camunda.bpm.authorization.enabled=true",
            "camunda.bpm.auto-deployment-enabled=false",
            "camunda.bpm.generic-properties.properties.history-time-to-live=P730D",
            // as the application evaluates its decision tables
            "camunda.bpm.generic-properties.properties.dmn-feel-enable-legacy-behavior=true",
            "management.endpoints.enabled-by-default=false")
        .run();
    BareEngineRest server = new BareEngineRest(context, database);
    server.setUp(context.getBean(ProcessEngine.class));
    return server;
  }

  /** The engine's REST root, e.g. {@code http://localhost:PORT/engine-rest/engine/bareRest}. */
  String url() {
    return url;
  }

  String databaseUrl() {
    return databaseUrl;
  }

  ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  private void setUp(ProcessEngine engine) throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bare");
    for (String pattern : List.of("subproject-grant.bpmn", "*.dmn", "*.form")) {
      for (org.springframework.core.io.Resource resource
          : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/" + pattern)) {
        deployment.addInputStream(resource.getFilename(), resource.getInputStream());
      }
    }
    deployment.deploy();
    IdentityService identity = engine.getIdentityService();
    Map<String, String> people = Map.of("facilitator1", "facilitators", "leader1", "commune05740",
        "leader3", "commune05743", "officer1", "dwcOfficers", "officer2", "dwcOfficers", "finance1", "dwcFinance",
        "director1", "dwcDirectors");
    for (String group : List.copyOf(new java.util.TreeSet<>(people.values()))) {
      identity.saveGroup(identity.newGroup(group));
      grant(engine, group, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE);
      grant(engine, group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    }
    people.forEach((id, group) -> {
      User user = identity.newUser(id);
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(id, group);
    });
    grant(engine, "facilitators", Resources.PROCESS_DEFINITION, "subprojectGrant",
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(engine, "facilitators", Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
  }

  private static void grant(ProcessEngine engine, String group, Resource resource, String id,
      Permission... permissions) {
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(resource);
    grant.setResourceId(id);
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }

  @Override
  public void close() {
    context.close();
  }

  /**
   * Camunda's starters and nothing of the application: not its beans, security, sessions,
   * migrations or webapps. Deliberately no {@code @Configuration}: the application's component scan, which
   * reaches the test classes, must not find it.
   */
  @EnableAutoConfiguration(exclude = {SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
      UserDetailsServiceAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
      FlywayAutoConfiguration.class, SessionAutoConfiguration.class,
      CamundaBpmWebappAutoConfiguration.class})
  static class Server {

    /** Camunda's own HTTP Basic sign-in in front of engine-rest, as its documentation sets it up. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication() {
      FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
          new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
      registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
          HttpBasicAuthenticationProvider.class.getName());
      registration.addUrlPatterns("/engine-rest/*");
      return registration;
    }
  }
}
