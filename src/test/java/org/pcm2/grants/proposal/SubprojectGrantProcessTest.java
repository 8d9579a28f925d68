package org.pcm2.grants.proposal;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Date;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.support.ProcessTestEngine;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupKind;
import org.pcm2.grants.directory.GroupLocation;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.proposal.SubprojectGrantProcess.Element;
import org.pcm2.grants.proposal.SubprojectGrantProcess.Var;

@Deployment(resources = {"subproject-grant.bpmn", "proposal-submit.form", "proposal-review.form"})
class SubprojectGrantProcessTest {

  @RegisterExtension
  static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

  private final DirectoryService directory = mock(DirectoryService.class);

  @BeforeEach
  void mocks() {
    Mocks.register("locateGroupDelegate", new LocateGroupDelegate(directory));
    when(directory.locate("CBG0574001")).thenReturn(new GroupLocation(
        new CommunityGroup("CBG0574001", GroupKind.CBG, "Nhóm cộng đồng Xóm Đồng Tâm", "0574001", null, "facilitator1"),
        "0574001", "Xóm Đồng Tâm", new Place("05740", "171", PlaceKind.COMMUNE, "Xã Hoàng Nông")));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
  }

  @Test
  void proposalGoesToTheLeadersOfItsOwnCommune() {
    ProcessInstance instance = runtimeService().startProcessInstanceByKey(SubprojectGrantProcess.KEY, "TDA-2026-0001",
        Map.of(Var.GROUP_CODE, "CBG0574001", Var.TITLE, "Sửa đường liên xóm"));

    assertThat(instance).isWaitingAt(Element.REVIEW_PROPOSAL)
        .variables().containsEntry(Var.COMMUNE_CODE, "05740").containsEntry(Var.UNIT_NAME, "Xóm Đồng Tâm");
    assertThat(task()).hasCandidateGroup("commune05740");
    Assertions.assertThat(taskQuery().initializeFormKeys().singleResult().getCamundaFormRef().getKey()).isEqualTo("proposalReview");
    Assertions.assertThat(task().getDueDate()).isAfter(new Date());

    complete(task());
    assertThat(instance).isEnded().hasPassedInOrder(Element.START_PROPOSAL_SUBMITTED, Element.LOCATE_GROUP,
        Element.REVIEW_PROPOSAL, Element.END_REVIEWED);
  }
}
