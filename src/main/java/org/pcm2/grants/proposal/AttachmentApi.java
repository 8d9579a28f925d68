package org.pcm2.grants.proposal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.pcm2.grants.readmodel.SubprojectQueries;
import org.pcm2.grants.readmodel.SubprojectView;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Attachments of a sub-project: its facilitator and DWC upload, whoever may see it downloads. */
@RestController
@Tag(name = "attachments", description = "Tệp đính kèm / Attachments")
class AttachmentApi {

  private final Attachments attachments;
  private final AttachmentList attachmentList;
  private final SubprojectQueries queries;

  AttachmentApi(Attachments attachments, AttachmentList attachmentList, SubprojectQueries queries) {
    this.attachments = attachments;
    this.attachmentList = attachmentList;
    this.queries = queries;
  }

  // the Tasklist's file chooser sends to the second address, signed in with the webapps' session
  @PostMapping(path = {"/api/subprojects/{code}/attachments", "/files/subprojects/{code}/attachments"},
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Tải lên biên bản, ảnh, chứng từ (tối đa 10 MB) / Upload minutes, photos, receipts (10 MB)")
  @ApiResponse(responseCode = "201", description = "Đã lưu tệp / The file is kept", useReturnTypeSchema = true)
  ResponseEntity<Attachments.Attachment> upload(@PathVariable String code, @RequestParam("kind") String kind,
      @RequestParam("file") MultipartFile file, Authentication user) throws IOException {
    Viewer viewer = Viewer.of(user);
    SubprojectView subproject = visible(viewer, code);
    if (!viewer.isDwc() && !viewer.userId().equals(subproject.facilitatorId())) {
      throw new NotFoundException(Texts.both("proposal.uploaders"));
    }
    return ResponseEntity.status(201).body(attachmentList.add(code, kind, file.getOriginalFilename(), file.getBytes(),
        viewer.userId()));
  }

  /**
   * A file held for the person uploading it until the proposal it goes with is registered:
   * the minutes a facilitator sends with a proposal, named in its {@code minutesFiles}; or a
   * photo a facilitator, a commune's leader or DWC sends with feedback they heard
   * ({@code photoFile} of {@code POST /api/feedback}).
   */
  @PostMapping(path = {"/api/files", "/files/held"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Tải lên tệp cho đề xuất sắp nộp (biên bản họp) hoặc ảnh cho phản ánh / Upload a file for a"
      + " proposal about to be submitted (the meeting's minutes) or a photo for feedback")
  @ApiResponse(responseCode = "201", description = "Đã giữ tệp cho anh/chị; ghi số hiệu vào minutesFiles khi nộp / "
      + "The file is held for you; name its id in minutesFiles when submitting", useReturnTypeSchema = true)
  ResponseEntity<Attachments.Attachment> hold(@RequestParam("kind") String kind,
      @RequestParam("file") MultipartFile file, Authentication user) throws IOException {
    Viewer viewer = Viewer.of(user);
    boolean feedbackPhoto = "PHOTO".equals(kind) && !viewer.communes().isEmpty();
    if (!viewer.isFacilitator() && !viewer.isDwc() && !feedbackPhoto) {
      throw new NotFoundException(Texts.both("proposal.uploaders"));
    }
    return ResponseEntity.status(201).body(attachments.hold(kind, file.getOriginalFilename(), file.getBytes(),
        viewer.userId()));
  }

  @GetMapping("/api/subprojects/{code}/attachments")
  @Operation(summary = "Các tệp đính kèm của tiểu dự án / The sub-project's attachments")
  List<Attachments.Attachment> list(@PathVariable String code, Authentication user) {
    visible(Viewer.of(user), code);
    return attachments.list(code);
  }

  @GetMapping("/api/subprojects/{code}/attachments/{id}")
  @Operation(summary = "Tải về một tệp đính kèm / Download one attachment", responses = @ApiResponse(
      responseCode = "200", description = "Tệp, đúng như đã tải lên / The file, as uploaded", content = {
          @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
          @Content(mediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              schema = @Schema(type = "string", format = "binary"))}))
  ResponseEntity<byte[]> download(@PathVariable String code, @PathVariable long id, Authentication user) {
    visible(Viewer.of(user), code);
    Attachments.Content content = attachments.content(code, id)
        .orElseThrow(() -> new NotFoundException(Texts.both("proposal.noAttachment", String.valueOf(id))));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(content.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(content.fileName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(content.bytes());
  }

  private SubprojectView visible(Viewer viewer, String code) {
    return queries.find(viewer, code)
        .orElseThrow(() -> new NotFoundException(Texts.both("proposal.noSubproject", code)));
  }
}
