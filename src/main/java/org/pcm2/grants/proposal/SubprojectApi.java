package org.pcm2.grants.proposal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.readmodel.SubprojectQueries;
import org.pcm2.grants.readmodel.SubprojectView;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sub-projects of the person asking: submit, list, read with timeline, do their step. */
@RestController
@RequestMapping(path = "/api/subprojects", produces = "application/json")
@Tag(name = "subprojects", description = "Tiểu dự án / Sub-projects")
class SubprojectApi {

  /** The answer to a submission. */
  record SubmissionResponse(String code, String processInstanceId, String link, String tasklistLink) {
  }

  /**
   * A sub-project with its open steps, its files (a photo with when and where it was taken) and
   * its timeline: decisions and files in the order they came.
   */
  record SubprojectDetail(SubprojectView subproject, List<SubprojectTasks.OpenTask> openTasks,
      List<Attachments.Attachment> files, List<AuditEntry> timeline) {
  }

  private final SubprojectSubmissions submissions;
  private final SubprojectQueries queries;
  private final SubprojectTasks tasks;
  private final AuditTrail auditTrail;
  private final Attachments attachments;

  SubprojectApi(SubprojectSubmissions submissions, SubprojectQueries queries, SubprojectTasks tasks,
      AuditTrail auditTrail, Attachments attachments) {
    this.submissions = submissions;
    this.queries = queries;
    this.tasks = tasks;
    this.auditTrail = auditTrail;
    this.attachments = attachments;
  }

  @PostMapping(consumes = "application/json")
  @Operation(summary = "Nộp đề xuất / Submit a proposal",
      description = "Idempotency-Key: một lần nộp lại với cùng khóa trả về cùng tiểu dự án / a retry with the same key "
          + "returns the same sub-project")
  @ApiResponse(responseCode = "201", description = "Đã nộp / Submitted", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200", description = "Đã nộp trước đó với cùng Idempotency-Key / Submitted before with"
      + " the same Idempotency-Key", useReturnTypeSchema = true)
  ResponseEntity<SubmissionResponse> submit(@RequestBody ProposalRequest proposal,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication user) {
    Viewer viewer = Viewer.of(user);
    if (!viewer.isFacilitator()) {
      throw new NotFoundException(Texts.both("proposal.facilitatorsOnly"));
    }
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
      throw new InvalidInputException(List.of(new FieldError("Idempotency-Key", Texts.both("proposal.idempotencyKey"))));
    }
    List<FieldError> inputErrors = proposal.inputErrors();
    if (!inputErrors.isEmpty()) {
      throw new InvalidInputException(inputErrors);
    }
    var previous = submissions.previous(idempotencyKey, viewer.userId());
    if (previous.isPresent()) {
      return ResponseEntity.ok(response(previous.get()));
    }
    SubprojectSubmissions.Submitted submitted;
    try {
      submitted = submissions.submit(viewer.userId(), proposal.toVariables(), idempotencyKey);
    } catch (DuplicateKeyException concurrentRetry) {
      return ResponseEntity.ok(response(submissions.previous(idempotencyKey, viewer.userId()).orElseThrow()));
    } catch (org.camunda.bpm.engine.ProcessEngineException refused) {
      // a retry that raced the first submission of its key finds the minutes already the first's
      // (refused by the engine, perhaps wrapped): that first submission is its answer
      var first = submissions.previous(idempotencyKey, viewer.userId());
      if (first.isPresent()) {
        return ResponseEntity.ok(response(first.get()));
      }
      throw refused;
    }
    SubmissionResponse body = response(submitted);
    return ResponseEntity.created(URI.create(body.link())).body(body);
  }

  @GetMapping
  @Operation(summary = "Danh sách tiểu dự án được xem / Sub-projects I may see")
  List<SubprojectView> list(@RequestParam(required = false) String cycle, @RequestParam(required = false) String fund,
      @RequestParam(required = false) String commune, @RequestParam(required = false) String stage,
      @RequestParam(defaultValue = "100") int limit, Authentication user) {
    return queries.list(Viewer.of(user), new SubprojectQueries.Filter(cycle, fund, commune, stage), limit);
  }

  @GetMapping("/{code}")
  @Operation(summary = "Một tiểu dự án, các bước đang chờ và lịch sử quyết định / One sub-project with its timeline")
  SubprojectDetail read(@PathVariable String code, Authentication user) {
    SubprojectView view = queries.find(Viewer.of(user), code).orElseThrow(() -> notFound(code));
    List<Attachments.Attachment> files = attachments.list(code);
    List<AuditEntry> timeline = new java.util.ArrayList<>(auditTrail.timeline(code));
    files.forEach(file -> timeline.add(AttachmentList.timelineEntry(file)));
    timeline.sort(java.util.Comparator.comparing(AuditEntry::decidedAt));
    return new SubprojectDetail(view, tasks.open(code), files, timeline);
  }

  // no body on success: any Accept, a generated client asks for application/problem+json only
  @PostMapping(path = "/{code}/tasks/{taskKey}", consumes = "application/json", produces = "*/*")
  @Operation(summary = "Hoàn thành bước của tôi / Complete my step",
      description = "Ví dụ / e.g. UserTask_ConfirmReceipt {\"receiptDate\":\"2027-01-07\"}")
  @ApiResponse(responseCode = "204", description = "Đã hoàn thành bước / The step is done")
  ResponseEntity<Void> complete(@PathVariable String code, @PathVariable String taskKey,
      @RequestBody Map<String, Object> variables, Authentication user) {
    Viewer viewer = Viewer.of(user);
    queries.find(viewer, code).orElseThrow(() -> notFound(code));
    tasks.complete(viewer, code, taskKey, variables);
    return ResponseEntity.noContent().build();
  }

  private static NotFoundException notFound(String code) {
    return new NotFoundException(Texts.both("proposal.noSubproject", code));
  }

  private static SubmissionResponse response(SubprojectSubmissions.Submitted submitted) {
    return new SubmissionResponse(submitted.code(), submitted.processInstanceId(),
        "/api/subprojects/" + submitted.code(), "/camunda/app/tasklist/default/#/?searchQuery=%5B%5D");
  }
}
