package org.pcm2.grants.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcm2.grants.client.model.AppraiseProposalStep;
import org.pcm2.grants.client.api.AttachmentsApi;
import org.pcm2.grants.client.model.CloseSubprojectStep;
import org.pcm2.grants.client.model.ConfirmReceiptStep;
import org.pcm2.grants.client.model.EvaluateResultsStep;
import org.pcm2.grants.client.api.FundingApi;
import org.pcm2.grants.client.model.LedgerEntry;
import org.pcm2.grants.client.model.ProposalRequest;
import org.pcm2.grants.client.model.RecordDisbursementStep;
import org.pcm2.grants.client.model.ReviewProposalStep;
import org.pcm2.grants.client.model.SubmitCompletionReportStep;
import org.pcm2.grants.client.api.SubprojectsApi;
import org.pcm2.grants.client.ApiException;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.TestFiles;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The facilitators' and DWC's API on PostgreSQL: submission, visibility, steps, bad input, retries. */
class SubprojectApiIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private org.camunda.bpm.engine.TaskService taskService;
  @Autowired
  private HistoryService historyService;

  private ApiClient facilitator;

  @BeforeEach
  void clients() {
    facilitator = as("facilitator1");
  }

  @Test
  void facilitatorSubmitsFollowsAndCompletesSteps() throws Exception {
    java.util.Date before = new java.util.Date(System.currentTimeMillis() - 1000);
    HttpResponse<String> created = facilitator.submitProposal(proposal("CBG0574005").toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    assertThat(created.headers().firstValue("Location")).contains("/api/subprojects/" + code);

    JsonNode mine = JSON.readTree(facilitator.get("/api/subprojects").body());
    assertThat(mine.findValuesAsText("code")).contains(code);
    JsonNode detail = JSON.readTree(facilitator.get("/api/subprojects/" + code).body());
    assertThat(detail.at("/subproject/stage").asText()).isEqualTo("IN_REVIEW");
    assertThat(detail.at("/subproject/stageLabel").asText()).isEqualTo("Xã đang xem xét");
    assertThat(detail.at("/openTasks/0/candidateGroups/0").asText()).isEqualTo("commune05740");

    // the leader of the commune sees it and decides; the leader of another commune does not
    assertThat(as("leader3").get("/api/subprojects/" + code).statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(as("leader3").get("/api/subprojects").body()).findValuesAsText("code")).doesNotContain(code);
    HttpResponse<String> otherLeader = as("leader3").postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
        "{\"reviewDecision\":\"ENDORSE\"}");
    assertThat(otherLeader.statusCode()).isEqualTo(404);
    assertThat(facilitator.postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
        "{\"reviewDecision\":\"ENDORSE\"}").statusCode()).as("a facilitator cannot endorse").isEqualTo(404);
    assertThat(as("leader1").postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
        "{\"reviewDecision\":\"REVISE\",\"reviewComment\":\"Bổ sung ngày công\"}").statusCode()).isEqualTo(204);

    // the facilitator resubmits through the API; the timeline shows both steps
    assertThat(facilitator.postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviseProposal",
        "{\"contributionLabour\":3000000,\"revisionNote\":\"Đã bổ sung\"}").statusCode()).isEqualTo(204);
    detail = JSON.readTree(facilitator.get("/api/subprojects/" + code).body());
    assertThat(detail.at("/subproject/stage").asText()).isEqualTo("IN_REVIEW");
    assertThat(detail.at("/subproject/contributionPlanned").asLong()).isEqualTo(5_000_000L);
    // in the order they came: the minutes filed with the proposal, the review sending it back, the revision
    assertThat(detail.get("timeline").findValuesAsText("outcome")).containsExactly("FILE", "REVISE", "SUBMITTED");
    assertThat(detail.at("/timeline/1/comment").asText()).isEqualTo("Bổ sung ngày công");
    // the engine's log of user operations holds what people did, not the rights the
    // registration gave (at submission and again at resubmission) in their name
    assertThat(historyService.createUserOperationLogQuery().afterTimestamp(before).userId("leader1")
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).count()).isEqualTo(1);
    assertThat(historyService.createUserOperationLogQuery().afterTimestamp(before)
        .entityType(EntityTypes.AUTHORIZATION).list()).isEmpty();

    // DWC sees everything and reads the ledger
    assertThat(JSON.readTree(as("officer1").get("/api/subprojects?commune=05740&stage=IN_REVIEW").body())
        .findValuesAsText("code")).contains(code);
    assertThat(as("officer1").get("/api/cycles/CM-2026-1/ledger").statusCode()).isEqualTo(200);
    assertThat(facilitator.get("/api/cycles/CM-2026-1/ledger").statusCode()).isEqualTo(404);
  }

  @Test
  void wholeCycleThroughTheApiAsInTheReadme() throws Exception {
    ObjectNode proposal = proposal("CBG0574304");
    ArrayNodeBuilder.lines(proposal, "Xi măng, cát, đá", 9_000_000, "Công thợ", 6_000_000);
    String code = JSON.readTree(facilitator.submitProposal(proposal.toString(),
        "Idempotency-Key", "readme-cycle").body()).get("code").asText();
    String[][] steps = {
        {"leader3", "UserTask_ReviewProposal", "{\"reviewDecision\":\"ENDORSE\",\"reviewComment\":\"Xã nhất trí\"}"},
        {"officer1", "UserTask_AppraiseProposal", "{\"appraisalDecision\":\"APPROVE\",\"approvedGrant\":15000000}"},
        {"finance1", "UserTask_RecordDisbursement", "{\"paymentDate\":\"2027-01-05\",\"paymentReference\":\"UNC-5\"}"},
        {"facilitator1", "UserTask_ConfirmReceipt", "{\"receiptDate\":\"2027-01-07\"}"},
        {"facilitator1", "UserTask_SubmitCompletionReport", "{\"actualSpending\":15000000,\"contributionMobilised\":"
            + "4000000,\"womenReached\":31,\"menReached\":27,\"completionSummary\":\"Xong\",\"outputAchieved\":280,"
            + "\"maintenanceGroup\":\"Tổ bảo trì thôn\"}"},
        {"leader3", "UserTask_EvaluateResults", "{\"scoreResults\":5,\"scoreParticipation\":5,\"scoreTransparency\":5,"
            + "\"scoreQuality\":5,\"scoreSustainability\":5,\"communityFeedback\":\"Tốt\"}"},
        {"officer2", "UserTask_CloseSubproject", "{\"closureDecision\":\"CLOSE\"}"}};
    for (String[] step : steps) {
      HttpResponse<String> response = as(step[0]).postJson("/api/subprojects/" + code + "/tasks/" + step[1],
          GrantCycleSteps.body(as(step[0]), code, step));
      assertThat(response.statusCode()).as(step[0] + " " + step[1] + ": " + response.body()).isEqualTo(204);
    }
    JsonNode detail = JSON.readTree(facilitator.get("/api/subprojects/" + code).body());
    assertThat(detail.at("/subproject/stage").asText()).isEqualTo("CLOSED");
    assertThat(detail.at("/subproject/evaluationScore").asDouble()).isEqualTo(100.0);
    // seven decisions and two files: the minutes sent with the proposal, the photo with the report
    assertThat(detail.get("timeline")).hasSize(9);
    assertThat(detail.get("files").findValuesAsText("kind")).containsExactly("MINUTES", "PHOTO");
    assertThat(detail.at("/files/1/latitude").asDouble()).isEqualTo(21.6);
    assertThat(detail.at("/files/1/takenAt").asText()).isEqualTo("2026-11-20T02:30:00Z");
    assertThat(JSON.readTree(facilitator.get("/api/subprojects/" + code + "/ledger").body()).findValuesAsText("kind"))
        .containsExactly("COMMIT", "DISBURSE");
    assertThat(jdbc.sql("SELECT variable_value FROM (SELECT text_ AS variable_value FROM act_hi_varinst "
        + "WHERE name_ = 'budgetLines' AND proc_inst_id_ = ?) v").param(detail.at("/subproject/processInstanceId")
        .asText()).query(String.class).single()).contains("Xi măng, cát, đá: 9.000.000 ₫");
  }

  /** Budget lines of a proposal. */
  private static final class ArrayNodeBuilder {
    static void lines(ObjectNode proposal, Object... descriptionAndAmount) {
      var items = proposal.putArray("budgetItems");
      for (int i = 0; i + 1 < descriptionAndAmount.length; i += 2) {
        items.addObject().put("description", (String) descriptionAndAmount[i])
            .put("amount", ((Number) descriptionAndAmount[i + 1]).longValue());
      }
    }
  }

  @Test
  void concurrentCompletionOfOneTaskHasOneWinnerAndOneConflict() throws Exception {
    String code = submit("CBG0574006");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (String leader : List.of("leader1", "leader2")) {
      results.add(pool.submit(() -> {
        start.await();
        return as(leader).postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal",
            "{\"reviewDecision\":\"ENDORSE\"}").statusCode();
      }));
    }
    start.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> result : results) {
      statuses.add(result.get());
    }
    pool.shutdown();
    assertThat(statuses).containsExactlyInAnyOrder(204, 409);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM decision_log WHERE subproject_code = ?").param(code)
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void retriedSubmissionsWithOneIdempotencyKeyCreateOneSubproject() throws Exception {
    ObjectNode proposal = proposal("CBG0574007");
    HttpResponse<String> minutes = facilitator.upload("/api/files", "kind", "MINUTES", "bien-ban.pdf",
        TestFiles.minutesPdf());
    proposal.putArray("minutesFiles").add(JSON.readTree(minutes.body()).get("id").asLong());
    String body = proposal.toString(); // every retry sends the same request
    ExecutorService pool = Executors.newFixedThreadPool(5);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return facilitator.postJson("/api/subprojects", body, "Idempotency-Key", "retry-7f3a");
      }));
    }
    start.countDown();
    List<String> codes = new ArrayList<>();
    for (Future<HttpResponse<String>> result : results) {
      HttpResponse<String> response = result.get();
      assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
      codes.add(JSON.readTree(response.body()).get("code").asText());
    }
    pool.shutdown();
    assertThat(codes).hasSize(5).containsOnly(codes.get(0));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM subproject WHERE group_code = 'CBG0574007'").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void unauthenticatedAndWrongPasswordGet401AsProblem() {
    HttpResponse<String> anonymous = new ApiClient(base(), null, null).get("/api/subprojects");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(new ApiClient(base(), "facilitator3", "wrong").get("/api/subprojects").statusCode()).isEqualTo(401);
  }

  @Test
  void openApiDescriptionIsServed() throws Exception {
    JsonNode api = JSON.readTree(facilitator.get("/api/openapi").body());
    assertThat(api.at("/paths").has("/api/subprojects")).isTrue();
    assertThat(api.toString()).contains("CBG0574001");
    // what a client needs: HTTP Basic on every call, a stable id and its refusals for each operation
    assertThat(api.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    assertThat(api.at("/security/0").has("basic")).isTrue();
    assertThat(api.at("/servers/0/url").asText()).isEqualTo("/");
    // the reports refuse whoever is neither DWC nor a commune's leader, and say so
    for (String report : List.of("/api/reports/portfolio", "/api/reports/portfolio.csv", "/api/reports/subprojects.csv")) {
      assertThat(api.at("/paths/" + report.replace("/", "~1") + "/get/responses").has("403")).as(report).isTrue();
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    api.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
      String where = operation.getKey() + " " + path.getKey();
      JsonNode op = operation.getValue();
      assertThat(ids.add(op.get("operationId").asText())).as("operationId of " + where + " once").isTrue();
      assertThat(op.get("summary").asText()).as(where).isNotBlank();
      java.util.List<String> statuses = new java.util.ArrayList<>();
      op.get("responses").fieldNames().forEachRemaining(statuses::add);
      assertThat(statuses).as(where).contains("401").anyMatch(status -> status.startsWith("2"));
      assertThat(op.at("/responses/401/content/application~1problem+json/schema/$ref").asText())
          .isEqualTo("#/components/schemas/Problem");
    }));
    assertThat(ids).contains("subprojectRead", "subprojectCompleteReviewProposal", "directoryImportFile");
    assertThat(api.at("/components/schemas/Problem/properties/errors/items/$ref").asText())
        .isEqualTo("#/components/schemas/FieldError");
    // each step's request: the fields, choices and required ones of its form, the comment the audit asks for
    JsonNode review = api.at("/components/schemas/ReviewProposalStep");
    assertThat(review.at("/properties/reviewDecision/enum").findValuesAsText("")).isEmpty();
    java.util.List<String> choices = new java.util.ArrayList<>();
    review.at("/properties/reviewDecision/enum").forEach(value -> choices.add(value.asText()));
    assertThat(choices).containsExactlyElementsOf(org.pcm2.grants.audit.DecisionPoint.REVIEW.allowed());
    assertThat(review.at("/required").toString()).isEqualTo("[\"reviewDecision\"]");
    assertThat(review.at("/additionalProperties").asBoolean(true)).isFalse();
    assertThat(review.at("/then/required/0").asText()).isEqualTo("reviewComment");
    assertThat(api.at("/components/schemas/EvaluateResultsStep/required").size()).isEqualTo(6);
    assertThat(api.at("/components/schemas/ReviseProposalStep").has("required"))
        .as("a revision need not send again what the proposal holds").isFalse();
    assertThat(api.at("/components/schemas/AppraiseProposalStep/properties/approvedGrant/maximum").asLong())
        .isEqualTo(100_000_000L);
    assertThat(api.at("/paths").has("/api/subprojects/{code}/tasks/{taskKey}")).isFalse();
    assertThat(api.at("/paths/~1api~1subprojects~1{code}~1tasks~1UserTask_ReviewProposal/post/requestBody/content"
        + "/application~1json/example/reviewDecision").asText()).isEqualTo("ENDORSE");
    assertThat(api.at("/paths/~1api~1subprojects~1{code}~1attachments/post/responses").has("413")).isTrue();
  }

  /**
   * The document a client generates from (src/test/openapi/pcm-grants-api.json, linted in the
   * build, the Java client generated from it) is the one the application serves, but for the
   * version. A change to the API fails here until the copy is brought up to date.
   */
  @Test
  void theCheckedInDocumentIsTheServedOne() throws Exception {
    java.nio.file.Path copy = java.nio.file.Path.of("src/test/openapi/pcm-grants-api.json");
    ObjectNode served = (ObjectNode) JSON.readTree(facilitator.get("/api/openapi").body());
    ObjectNode kept = (ObjectNode) JSON.readTree(copy.toFile());
    ((ObjectNode) served.get("info")).remove("version");
    ((ObjectNode) kept.get("info")).remove("version");
    if (!served.equals(kept)) {
      java.nio.file.Path written = java.nio.file.Path.of("target/openapi/served.json");
      java.nio.file.Files.createDirectories(written.getParent());
      JSON.writerWithDefaultPrettyPrinter().writeValue(written.toFile(), JSON.readTree(
          facilitator.get("/api/openapi").body()));
      org.junit.jupiter.api.Assertions.fail("The API document served differs from " + copy + ": compare it with "
          + written + " and, if the change is meant, copy it there (jq -S . " + written + " > " + copy + ")");
    }
  }

  /**
   * The README's whole cycle through the Java client that OpenAPI Generator made from the
   * document, and nothing else: submit, attach the minutes, every step to closure with the
   * typed request of each, read the ledger; a wrong choice is refused by the server as the
   * document says, naming the field.
   */
  @Test
  void aGeneratedClientRunsTheWholeCycle() throws Exception {
    var facilitatorApi = new SubprojectsApi(generated("facilitator1"));
    java.io.File minutes = java.nio.file.Files.createTempFile("bien-ban-hop", ".pdf").toFile();
    minutes.deleteOnExit();
    java.nio.file.Files.write(minutes.toPath(), TestFiles.minutesPdf());
    var attachments = new AttachmentsApi(generated("facilitator1"));
    var held = attachments.attachmentHold("MINUTES", minutes);
    assertThat(held.getContentType()).isEqualTo("application/pdf");
    var proposal = new ProposalRequest().title("Bê tông hóa đường xóm Suối Cái")
        .fundCode("CM").cycleCode("CM-2026-1").groupCode("CBG0574304").sectorCode("ROADS").outputPlanned(300L).objectives("Đi lại an toàn mùa mưa")
        .activities("Họp dân, mua vật liệu, thi công 300 m").requestedGrant(15_000_000L)
        .contributionCash(2_000_000L).contributionLabour(2_000_000L).contributionMaterials(0L)
        .plannedStart(java.time.LocalDate.now().plusDays(7)).plannedEnd(java.time.LocalDate.now().plusMonths(4))
        .beneficiariesWomen(40L).beneficiariesMen(35L).minutesFiles(List.of(held.getId()));
    String code = facilitatorApi.subprojectSubmit(proposal, "generated-client-cycle").getCode();
    // the minutes held for the facilitator are the sub-project's now
    assertThat(attachments.attachmentList(code)).singleElement()
        .satisfies(file -> assertThat(file.getKind()).isEqualTo("MINUTES"));

    var leader = new SubprojectsApi(generated("leader3"));
    var refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
        () -> leader.subprojectCompleteReviewProposal(code, new ReviewProposalStep()
            .reviewDecision(ReviewProposalStep.ReviewDecisionEnum.REVISE)));
    assertThat(refused.getCode()).isEqualTo(400);
    assertThat(refused.getResponseBody()).contains("reviewComment");
    leader.subprojectCompleteReviewProposal(code, new ReviewProposalStep()
        .reviewDecision(ReviewProposalStep.ReviewDecisionEnum.ENDORSE)
        .reviewComment("Xã nhất trí"));
    new SubprojectsApi(generated("officer1")).subprojectCompleteAppraiseProposal(code,
        new AppraiseProposalStep().approvedGrant(15_000_000L).appraisalDecision(
            AppraiseProposalStep.AppraisalDecisionEnum.APPROVE));
    new SubprojectsApi(generated("finance1")).subprojectCompleteRecordDisbursement(code,
        new RecordDisbursementStep().paymentDate(java.time.LocalDate.of(2027, 1, 5))
            .paymentReference("UNC-7"));
    facilitatorApi.subprojectCompleteConfirmReceipt(code, new ConfirmReceiptStep()
        .receiptDate(java.time.LocalDate.of(2027, 1, 7)));
    java.io.File photo = java.nio.file.Files.createTempFile("cong-trinh", ".jpg").toFile();
    photo.deleteOnExit();
    java.nio.file.Files.write(photo.toPath(), TestFiles.photo("2026:11:25 08:00:00", 21.61, 105.32));
    var kept = attachments.attachmentUpload(code, "PHOTO", photo);
    assertThat(kept.getLatitude()).isEqualTo(21.61);
    facilitatorApi.subprojectCompleteSubmitCompletionReport(code,
        new SubmitCompletionReportStep().actualSpending(15_000_000L)
            .contributionMobilised(4_000_000L).womenReached(31L).menReached(27L).completionSummary("Xong")
            .outputAchieved(280L).maintenanceGroup("Tổ bảo trì thôn").photoFiles(String.valueOf(kept.getId())));
    leader.subprojectCompleteEvaluateResults(code, new EvaluateResultsStep()
        .scoreResults(EvaluateResultsStep.ScoreResultsEnum.NUMBER_5)
        .scoreParticipation(EvaluateResultsStep.ScoreParticipationEnum.NUMBER_4)
        .scoreTransparency(EvaluateResultsStep.ScoreTransparencyEnum.NUMBER_5)
        .scoreQuality(EvaluateResultsStep.ScoreQualityEnum.NUMBER_4)
        .scoreSustainability(EvaluateResultsStep.ScoreSustainabilityEnum.NUMBER_5)
        .communityFeedback("Tốt"));
    new SubprojectsApi(generated("officer2")).subprojectCompleteCloseSubproject(code,
        new CloseSubprojectStep().closureDecision(
            CloseSubprojectStep.ClosureDecisionEnum.CLOSE));

    var detail = facilitatorApi.subprojectRead(code);
    assertThat(detail.getSubproject().getStage()).isEqualTo("CLOSED");
    // seven decisions and the two files: the minutes and the photo, that says where it was taken
    assertThat(detail.getTimeline()).hasSize(9);
    assertThat(detail.getFiles()).extracting(f -> f.getKind()).containsExactly("MINUTES", "PHOTO");
    assertThat(detail.getFiles().get(1).getLongitude()).isEqualTo(105.32);
    assertThat(detail.getOpenTasks()).isEmpty();
    var ledger = new FundingApi(generated("facilitator1")).fundingSubprojectLedger(code);
    assertThat(ledger).extracting(LedgerEntry::getKind)
        .containsExactly("COMMIT", "DISBURSE");
    assertThat(ledger).extracting(LedgerEntry::getAmount)
        .containsExactly(15_000_000L, 15_000_000L);
  }

  /** The generated client, signed in as a demo user with HTTP Basic, as the document declares. */
  private org.pcm2.grants.client.ApiClient generated(String user) {
    String basic = java.util.Base64.getEncoder().encodeToString((user + ":demo")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var client = new org.pcm2.grants.client.ApiClient();
    client.updateBaseUri(base());
    return client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + basic));
  }

  static Stream<Arguments> badRequests() {
    return Stream.<Arguments>of(
        bad("missing title", p -> p.remove("title"), "title"),
        bad("short title", p -> p.put("title", "Đg"), "title"),
        bad("huge title", p -> p.put("title", "x".repeat(100_000)), "title"),
        bad("missing fund", p -> p.remove("fundCode"), "fundCode"),
        bad("unknown fund", p -> p.put("fundCode", "XYZ"), "fundCode"),
        bad("fund of another cycle", p -> p.put("fundCode", "INITIATIVE"), "fundCode"),
        bad("missing cycle", p -> p.remove("cycleCode"), "cycleCode"),
        bad("unknown cycle", p -> p.put("cycleCode", "CM-1999-1"), "cycleCode"),
        bad("cycle with spaces", p -> p.put("cycleCode", "CM 2026"), "cycleCode"),
        bad("missing group", p -> p.remove("groupCode"), "groupCode"),
        bad("unknown group", p -> p.put("groupCode", "CBG9999999"), "groupCode"),
        bad("another facilitator's group", p -> p.put("groupCode", "CBG1912001"), "groupCode"),
        bad("group code with script", p -> p.put("groupCode", "<script>alert(1)</script>"), "groupCode"),
        bad("missing objectives", p -> p.remove("objectives"), "objectives"),
        bad("huge activities", p -> p.put("activities", "ạ".repeat(5000)), "activities"),
        bad("missing amount", p -> p.remove("requestedGrant"), "requestedGrant"),
        bad("negative amount", p -> p.put("requestedGrant", -1), "requestedGrant"),
        bad("zero amount", p -> p.put("requestedGrant", 0), "requestedGrant"),
        bad("amount above the cap", p -> p.put("requestedGrant", 30_000_001), "requestedGrant"),
        bad("amount with decimals", p -> p.put("requestedGrant", 1500000.5), "requestedGrant"),
        bad("amount as text", p -> p.put("requestedGrant", "hai mươi triệu"), "requestedGrant"),
        bad("negative contribution", p -> p.put("contributionCash", -5), "contributionCash"),
        bad("missing start", p -> p.remove("plannedStart"), "plannedStart"),
        bad("start in another format", p -> p.put("plannedStart", "01/12/2026"), "plannedStart"),
        bad("impossible date", p -> p.put("plannedEnd", "2027-02-30"), "plannedEnd"),
        bad("end before start", p -> p.put("plannedEnd", "2026-11-01"), "plannedEnd"),
        bad("negative women", p -> p.put("beneficiariesWomen", -2), "beneficiariesWomen"),
        bad("no beneficiaries", p -> {
          p.put("beneficiariesWomen", 0);
          p.put("beneficiariesMen", 0);
        }, "beneficiariesWomen"),
        bad("women as an object", p -> p.putObject("beneficiariesWomen").put("n", 1), "beneficiariesWomen"),
        bad("student group without teacher", p -> p.put("groupCode", "HS05740"), "coreTeacher"),
        bad("minutes as words", p -> p.putArray("minutesFiles").add("có"), "minutesFiles[0]"),
        bad("the old minutes checkbox", p -> p.put("hasMeetingMinutes", true), "hasMeetingMinutes"),
        bad("budget lines not adding up", p -> {
          p.putArray("budgetItems").addObject().put("description", "Xi măng").put("amount", 10_000_000);
        }, "budgetItems"),
        bad("budget line without amount", p -> {
          p.putArray("budgetItems").addObject().put("description", "Xi măng");
        }, "budgetItems[0].amount"),
        bad("budget line without description", p -> {
          p.putArray("budgetItems").addObject().put("amount", 15_000_000);
        }, "budgetItems[0].description"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badProposalIsRefusedNamingTheFieldAndNothingIsWritten(String name, Consumer<ObjectNode> change, String field)
      throws Exception {
    ObjectNode proposal = proposal("CBG0574001");
    change.accept(proposal);
    long before = count();
    HttpResponse<String> response = facilitator.submitProposal(proposal.toString());
    assertProblem(response, field);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void malformedJsonWrongContentTypeAndEmptyBodyAreRefused() throws Exception {
    HttpResponse<String> malformed = facilitator.submitProposal("{\"title\": \"Thiếu ngoặc\"");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).at("/errors/0/field").asText()).isEqualTo("body");
    assertThat(facilitator.post("/api/subprojects", "text/plain", "title=x").statusCode()).isEqualTo(415);
    assertThat(facilitator.submitProposal("").statusCode()).isEqualTo(400);
    assertThat(facilitator.submitProposal("[1,2]").statusCode()).isEqualTo(400);
  }

  @Test
  void scriptInTextIsStoredAsTextNeverRendered() throws Exception {
    ObjectNode proposal = proposal("CBG0574302");
    proposal.put("title", "<img src=x onerror=alert(1)> Sân chơi 🌳 trẻ em");
    HttpResponse<String> created = facilitator.submitProposal(proposal.toString());
    assertThat(created.statusCode()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    HttpResponse<String> read = facilitator.get("/api/subprojects/" + code);
    assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
    assertThat(JSON.readTree(read.body()).at("/subproject/title").asText())
        .isEqualTo("<img src=x onerror=alert(1)> Sân chơi 🌳 trẻ em");
  }

  @Test
  void attachmentsAreCheckedByTheirBytesKeptAndReturnedIntact() throws Exception {
    String code = submit("CBG0574303");
    // the minutes sent with the proposal are the sub-project's from its first step
    assertThat(attachmentListOfOpenTask(code)).startsWith("• Biên bản họp: bien-ban-hop.pdf (");
    byte[] pdf = ("%PDF-1.4\nBiên bản họp thôn ngày 15/10/2026\n%%EOF").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> uploaded = facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "MINUTES",
        "Biên bản họp.pdf", pdf);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    JsonNode attachment = JSON.readTree(uploaded.body());
    assertThat(attachment.get("contentType").asText()).isEqualTo("application/pdf");

    HttpResponse<byte[]> download = as("leader3").download("/api/subprojects/" + code + "/attachments/"
        + attachment.get("id").asLong());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(pdf);
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment")
        .contains("UTF-8''Bi%C3%AAn");
    assertThat(as("leader1").download("/api/subprojects/" + code + "/attachments/"
        + attachment.get("id").asLong()).statusCode()).as("leader of another commune").isEqualTo(404);

    HttpResponse<String> exe = facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "PHOTO",
        "anh.jpg", "MZ\u0090\u0000 not a picture".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertProblem(exe, "file");
    HttpResponse<String> huge = facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "PHOTO",
        "lon.pdf", new byte[11 * 1024 * 1024]);
    assertThat(huge.statusCode()).isEqualTo(413);
    assertProblem(facilitator.upload("/api/subprojects/" + code + "/attachments", "kind", "VIDEO", "a.pdf", pdf), "kind");
    assertThat(JSON.readTree(facilitator.get("/api/subprojects/" + code + "/attachments").body())).hasSize(2);
    // the leader's review form shows the new file beside the first (and only the ones kept)
    assertThat(attachmentListOfOpenTask(code).lines()).hasSize(2).last().isEqualTo("• Biên bản họp: Biên bản họp.pdf ("
        + pdf.length + " B) — /api/subprojects/" + code + "/attachments/" + attachment.get("id").asLong());
  }

  private String attachmentListOfOpenTask(String code) {
    org.camunda.bpm.engine.task.Task review = taskService.createTaskQuery().processInstanceBusinessKey(code)
        .singleResult();
    return (String) taskService.getVariableLocal(review.getId(), "attachmentList");
  }

  private static Arguments bad(String name, Consumer<ObjectNode> change, String field) {
    return Arguments.of(name, change, field);
  }

  private void assertProblem(HttpResponse<String> response, String field) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("errors").findValuesAsText("field")).as(response.body()).contains(field);
    assertThat(problem.get("title").asText()).isEqualTo("Dữ liệu chưa hợp lệ / Invalid input");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
  }

  private long count() {
    return jdbc.sql("SELECT COUNT(*) FROM act_hi_procinst").query(Long.class).single();
  }

  private String submit(String groupCode) throws Exception {
    HttpResponse<String> created = facilitator.submitProposal(proposal(groupCode).toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("code").asText();
  }

  @Test
  void aCycleThatHasNotOpenedRefusesProposalsNamingItsDaysAndKeepsNothing() throws Exception {
    String opens = java.time.LocalDate.now().plusDays(10).toString();
    String closes = java.time.LocalDate.now().plusDays(40).toString();
    ApiClient officer = as("officer1");
    assertThat(officer.postJson("/api/cycles", "{\"code\":\"CM-LATER\",\"fundCode\":\"CM\",\"name\":\"Đợt sau\","
        + "\"opensOn\":\"" + opens + "\",\"closesOn\":\"" + closes + "\"}").statusCode()).isEqualTo(201);
    assertThat(officer.putJson("/api/cycles/CM-LATER/envelopes/05740", "{\"amount\":150000000}").statusCode())
        .isEqualTo(200);
    ObjectNode later = proposal("CBG0574007");
    later.put("cycleCode", "CM-LATER");
    long before = jdbc.sql("SELECT COUNT(*) FROM subproject").query(Long.class).single();

    HttpResponse<String> refused = facilitator.submitProposal(later.toString());

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode error = JSON.readTree(refused.body()).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("cycleCode");
    String from = java.time.LocalDate.parse(opens).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    assertThat(error.get("message").asText()).contains("chỉ nhận đề xuất từ " + from).contains("takes proposals only");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM subproject").query(Long.class).single()).isEqualTo(before);
  }

  private ApiClient as(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private String base() {
    return "http://localhost:" + port;
  }

  /** The valid proposal of the shared fixture, as JSON. */
  private static ObjectNode proposal(String groupCode) {
    return JSON.valueToTree(Proposals.valid(groupCode, "Đề xuất qua API của nhóm " + groupCode));
  }
}
