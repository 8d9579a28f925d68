package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.support.Proposals;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's run command: no profile, so the demo on the embedded H2 file database, whose
 * data survives a restart.
 */
class EmbeddedDefaultRestartIT {

  private static ConfigurableApplicationContext start(Path folder) {
    return new SpringApplicationBuilder(PcmGrantsApplication.class)
        .run("--server.port=0", "--management.server.port=0", "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("pcm") + ";DB_CLOSE_ON_EXIT=FALSE");
  }

  @Test
  void defaultRunUsesTheH2FileDatabaseWithDemoDataAndKeepsItAcrossRestarts(@TempDir Path folder) {
    String code;
    try (ConfigurableApplicationContext first = start(folder)) {
      assertThat(first.getEnvironment().getActiveProfiles()).isEmpty();
      assertThat(first.getEnvironment().getDefaultProfiles()).containsExactly("demo");
      assertThat(first.getBean(JdbcClient.class).sql("SELECT H2VERSION()").query(String.class).single()).isNotBlank();
      assertThat(first.getBean(DirectoryService.class).counts().hamlets()).isEqualTo(160);
      assertThat(engineIndexMigrations(first)).containsExactly("BASELINE 0", "SQL 1");
      code = first.getBean(ProcessEngine.class).getRuntimeService().startProcessInstanceByKey("subprojectGrant",
          Proposals.withMinutes(first.getBean(org.pcm2.grants.proposal.Attachments.class),
              Proposals.valid("HS19120", "Câu lạc bộ đọc sách"), "facilitator4")).getBusinessKey();
    }
    assertThat(folder.resolve("pcm.mv.db")).exists();

    try (ConfigurableApplicationContext second = start(folder)) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(code)
          .taskCandidateGroup("commune19120").count()).isEqualTo(1);
      assertThat(second.getBean(DirectoryService.class).counts().hamlets()).isEqualTo(160);
      assertThat(engineIndexMigrations(second)).as("applied once").containsExactly("BASELINE 0", "SQL 1");
      // the school group's girls and boys, kept for the reports
      assertThat(second.getBean(JdbcClient.class).sql("SELECT unit_type || ' ' || students_girls || ' ' || "
          + "students_boys FROM subproject WHERE code = ?").param(code).query(String.class).single())
          .isEqualTo("SCHOOL 12 10");
    }
  }

  private static List<String> engineIndexMigrations(ConfigurableApplicationContext context) {
    return context.getBean(JdbcClient.class).sql("SELECT \"type\" || ' ' || \"version\" FROM \""
        + EngineIndexMigration.HISTORY_TABLE + "\" WHERE \"success\" AND \"version\" IS NOT NULL"
        + " ORDER BY \"installed_rank\"").query(String.class).list();
  }
}
