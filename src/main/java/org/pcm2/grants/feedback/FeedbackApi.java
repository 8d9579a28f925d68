package org.pcm2.grants.feedback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.proposal.Attachments;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a facilitator, a commune leader or DWC heard in a meeting, in person or on paper,
 * entered for the sender: the same intake and process as the public page.
 */
@RestController
@Tag(name = "feedback", description = "Phản ánh, kiến nghị / Community feedback")
class FeedbackApi {

  /** Feedback heard in person or received on paper. */
  @Schema(description = "Phản ánh nghe trực tiếp hoặc nhận trên giấy / Feedback heard in person or on paper")
  record HeardFeedback(@Schema(example = "05740") String communeCode,
      @Schema(example = "TDA-2026-05740-001", description = "Nếu có / if any") String subprojectCode,
      @Schema(example = "COMPLAINT") FeedbackCategory category,
      @Schema(example = "false", description = "Về chính lãnh đạo xã / about the commune's leaders") Boolean aboutLeaders,
      @Schema(example = "Đường bê tông xóm Khuôn Ngục đã nứt sau ba tháng", minLength = 10, maxLength = 2000) String text,
      @Schema(example = "IN_PERSON", allowableValues = {"IN_PERSON", "PAPER"}) String channel,
      @Schema(description = "Bỏ trống nếu ẩn danh / empty if anonymous") String contactName,
      String contactPhone, String contactEmail,
      @Schema(example = "4711", description = "Số của một ảnh giữ qua POST /api/files (kind PHOTO), nếu có / the"
          + " number of a photo held through POST /api/files (kind PHOTO), if any") Long photoFile) {
  }

  /** The reference the sender looks it up by. */
  record Received(@Schema(example = "PA-7K3M9QXR") String reference, String statusLink) {
  }

  private final FeedbackIntake intake;
  private final FeedbackReport report;
  private final Attachments attachments;

  FeedbackApi(FeedbackIntake intake, FeedbackReport report, Attachments attachments) {
    this.attachments = attachments;
    this.intake = intake;
    this.report = report;
  }

  @GetMapping(path = "/api/reports/feedback", produces = "application/json")
  @Operation(summary = "Phản ánh đã nhận, đã trả lời, còn mở, quá hạn: tổng, theo loại, theo xã (DWC; lãnh đạo xã cho xã"
      + " mình) / Feedback received, answered, open, overdue: in all, by category, by commune (DWC; leaders: their own)")
  FeedbackReport.Report counts(@RequestParam(required = false) String province,
      @RequestParam(required = false) String district, @RequestParam(required = false) String commune,
      Authentication user) {
    Viewer viewer = Viewer.of(user);
    if (!viewer.isDwc() && !viewer.isAdministrator() && viewer.communes().isEmpty()) {
      throw new NotFoundException(Texts.both("feedback.reportForWhom"));
    }
    return report.report(viewer, province, district, commune);
  }

  @PostMapping(path = "/api/feedback", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Ghi phản ánh nghe trực tiếp hoặc trên giấy (cán bộ hỗ trợ, lãnh đạo xã, DWC) / Enter feedback"
      + " heard in person or on paper (facilitators, commune leaders, DWC)")
  @ApiResponse(responseCode = "201", description = "Đã nhận; mã để tra cứu / Received; its reference",
      useReturnTypeSchema = true)
  ResponseEntity<Received> record(@RequestBody HeardFeedback heard, Authentication user) {
    Viewer viewer = FeedbackIntake.mayEnterHeard(Viewer.of(user));
    FeedbackIntake.Channel channel = "PAPER".equals(heard.channel()) ? FeedbackIntake.Channel.PAPER
        : FeedbackIntake.Channel.IN_PERSON;
    FeedbackPhotos.Upload photo = null;
    if (heard.photoFile() != null) {
      Attachments.Content held = attachments.heldContent(heard.photoFile(), viewer.userId(), "PHOTO")
          .orElseThrow(() -> new InvalidInputException(List.of(new FieldError("photoFile",
              Texts.both("feedback.photoFile", String.valueOf(heard.photoFile()))))));
      photo = new FeedbackPhotos.Upload(held.fileName(), held.bytes());
    }
    String reference = intake.submit(new FeedbackIntake.Submission(heard.communeCode(), heard.subprojectCode(),
        heard.category(), Boolean.TRUE.equals(heard.aboutLeaders()), heard.text(), heard.contactName(),
        heard.contactPhone(), heard.contactEmail(), photo), channel, viewer.userId());
    if (heard.photoFile() != null) {
      attachments.release(heard.photoFile(), viewer.userId()); // the feedback keeps its own copy
    }
    String link = "/feedback/status?reference=" + reference;
    return ResponseEntity.created(URI.create(link)).body(new Received(reference, link));
  }
}
