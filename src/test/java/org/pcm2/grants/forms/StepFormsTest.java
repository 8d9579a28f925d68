package org.pcm2.grants.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The user tasks and forms read from the models without the model API are the ones the model API reads. */
class StepFormsTest {

  @Test
  void everyModelsUserTasksAreReadAsTheModelApiReadsThem() throws IOException {
    int models = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("processes"), "*.bpmn")) {
      for (Path file : files) {
        models++;
        Map<String, StepForms.Step> read;
        try (InputStream in = Files.newInputStream(file)) {
          read = StepForms.userTasks(in);
        }
        assertThat(read).as(file.toString()).isEqualTo(withModelApi(file));
      }
    }
    assertThat(models).isGreaterThanOrEqualTo(4);
    assertThat(StepForms.deployed().step("UserTask_ReviewProposal").orElseThrow().startFormId())
        .isEqualTo("proposalSubmit");
  }

  @Test
  void theFirstStartEventWithAFormIsTheStartFormAndTasksWithoutAFormAreKept() throws IOException {
    String model = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="plain" />
            <bpmn:startEvent id="withForm" camunda:formRef="first" />
            <bpmn:userTask id="a" name="Xem xét" camunda:formRef="review" />
            <bpmn:subProcess id="s"><bpmn:userTask id="b" name="Không có form" /></bpmn:subProcess>
            <bpmn:startEvent id="later" camunda:formRef="second" />
          </bpmn:process>
        </bpmn:definitions>
        """;
    Map<String, StepForms.Step> tasks = StepForms.userTasks(new ByteArrayInputStream(
        model.getBytes(StandardCharsets.UTF_8)));
    assertThat(tasks).containsOnlyKeys("a", "b");
    assertThat(tasks.get("a")).isEqualTo(new StepForms.Step("a", "Xem xét", "review", "first"));
    assertThat(tasks.get("b")).isEqualTo(new StepForms.Step("b", "Không có form", null, "first"));
  }

  @Test
  void aModelWithADocumentTypeIsRefused() {
    String model = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&x;</bpmn:definitions>";
    assertThatThrownBy(() -> StepForms.userTasks(new ByteArrayInputStream(model.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IOException.class);
  }

  private static Map<String, StepForms.Step> withModelApi(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    String startForm = model.getModelElementsByType(StartEvent.class).stream()
        .map(StartEvent::getCamundaFormRef).filter(ref -> ref != null).findFirst().orElse(null);
    Map<String, StepForms.Step> steps = new HashMap<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      steps.put(task.getId(), new StepForms.Step(task.getId(), task.getName(), task.getCamundaFormRef(), startForm));
    }
    return steps;
  }
}
