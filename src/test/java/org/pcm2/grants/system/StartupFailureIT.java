package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pcm2.grants.PcmGrantsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A start-up that cannot succeed stops with a message naming what is wrong and how to fix
 * it (the failure analyzers are registered and match), not with a bare stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIT {

  private static final String BROKEN_MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                        id="Definitions_Broken" targetNamespace="http://pcm2.org/grants/test">
        <bpmn:process id="brokenModel" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="StartEvent_Broken" />
          <bpmn:sequenceFlow id="SequenceFlow_ToNowhere" sourceRef="StartEvent_Broken" targetRef="UserTask_Missing" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  /** Starts the application with the given profile and command-line properties. */
  private static void start(String profile, String... properties) {
    String[] args = new String[properties.length + 3];
    args[0] = "--server.port=0";
    args[1] = "--management.server.port=0";
    args[2] = "--camunda.bpm.job-execution.enabled=false";
    for (int i = 0; i < properties.length; i++) {
      args[i + 3] = "--" + properties[i];
    }
    new SpringApplicationBuilder(PcmGrantsApplication.class).profiles(profile).run(args).close();
  }

  @Test
  void unreadableModelStopsStartUpNamingTheFile(@TempDir Path folder, CapturedOutput output) throws IOException {
    Files.writeString(folder.resolve("broken-model.bpmn"), BROKEN_MODEL);

    assertThatThrownBy(() -> start("no-demo",
        "spring.datasource.url=jdbc:h2:mem:broken-model",
        "camunda.bpm.deployment-resource-pattern=" + folder.toUri() + "*.bpmn")).isNotNull();

    assertThat(output).contains("Mô hình quy trình không đọc được / Unreadable process model")
        .contains("broken-model.bpmn")
        .contains("UserTask_Missing");
  }

  @Test
  void unreachableDatabaseStopsStartUpNamingTheUrl(CapturedOutput output) {
    String url = "jdbc:postgresql://127.0.0.1:1/pcm";
    assertThatThrownBy(() -> start("postgres",
        "spring.datasource.url=" + url, "spring.datasource.password=secret",
        "spring.datasource.hikari.connection-timeout=2000")).isNotNull();

    assertThat(output).contains("Không kết nối được cơ sở dữ liệu / Cannot connect to the database " + url)
        .contains("PCM_DB_URL");
  }

  @Test
  void missingDatabasePasswordStopsStartUpNamingTheVariable(CapturedOutput output) {
    assertThatThrownBy(() -> start("postgres",
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/pcm", "spring.datasource.password=")).isNotNull();

    assertThat(output).contains("PCM_DB_PASSWORD").contains("Cấu hình sai / Invalid setting");
  }
}
