package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.directory.DirectoryCounts;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.RequiresPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping and starting the application on PostgreSQL keeps every piece of data. */
@ExtendWith(RequiresPostgres.class)
class RestartOnPostgresIT {

  private static ConfigurableApplicationContext start(String url) {
    return new SpringApplicationBuilder(PcmGrantsApplication.class).profiles("postgres", "demo")
        .run("--server.port=0", "--management.server.port=0", "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + PostgresDatabase.USER,
            "--spring.datasource.password=" + PostgresDatabase.PASSWORD);
  }

  @Test
  void restartKeepsRunningInstancesDirectoryAndDeployments() {
    String url = PostgresDatabase.freshDatabase("pcm_it_restart");
    DirectoryCounts counts;
    long deployments;
    String code;
    try (ConfigurableApplicationContext first = start(url)) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      code = engine.getRuntimeService().startProcessInstanceByKey("subprojectGrant",
          Proposals.withMinutes(first.getBean(org.pcm2.grants.proposal.Attachments.class),
              Proposals.valid("CBG0574001", "Nhà văn hóa xóm Đồng Tâm"), "facilitator1")).getBusinessKey();
      counts = first.getBean(DirectoryService.class).counts();
      deployments = engine.getRepositoryService().createDeploymentQuery().count();
    }

    try (ConfigurableApplicationContext second = start(url)) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(code)
          .taskCandidateGroup("commune05740").count()).isEqualTo(1);
      assertThat(engine.getRuntimeService().getVariable(engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(code).singleResult().getId(), "title"))
          .isEqualTo("Nhà văn hóa xóm Đồng Tâm");
      assertThat(second.getBean(DirectoryService.class).counts()).isEqualTo(counts);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count())
          .as("unchanged models are not deployed again").isEqualTo(deployments);
    }
  }
}
