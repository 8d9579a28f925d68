package org.pcm2.grants.dialogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.pcm2.grants.access.Viewer;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dialogue meetings and their commitments: recorded, and counted. */
@RestController
@Tag(name = "dialogues", description = "Đối thoại giữa người dân và lãnh đạo xã / Dialogue meetings")
class DialogueApi {

  private final DialogueMeetings meetings;

  DialogueApi(DialogueMeetings meetings) {
    this.meetings = meetings;
  }

  @PostMapping(path = "/api/dialogues", consumes = "application/json", produces = "application/json")
  @Operation(summary = "Ghi một buổi đối thoại và các cam kết (lãnh đạo xã của xã, cán bộ hỗ trợ, DWC) / Record a"
      + " dialogue meeting and its commitments (the commune's leaders, facilitators, DWC)",
      description = "Mỗi cam kết thành một việc của người cam kết, có hạn, được nhắc và báo DWC khi quá hạn / each"
          + " commitment becomes its owner's step, due, reminded, reported to DWC when overdue")
  @ApiResponse(responseCode = "201", description = "Đã ghi / Recorded", useReturnTypeSchema = true)
  ResponseEntity<DialogueMeetings.Recorded> record(@RequestBody @Schema(example = """
      {"communeCode": "05740", "heldOn": "2026-11-28", "women": 34, "men": 29,
       "issues": "Đường xóm Khuôn Ngục xuống cấp; lịch họp thôn",
       "commitments": [{"what": "Khảo sát đoạn đường hỏng", "owner": "leader1", "dueOn": "2026-12-31"}]}""")
      DialogueMeetings.Meeting meeting, Authentication user) {
    DialogueMeetings.Recorded recorded = meetings.record(Viewer.of(user), meeting);
    return ResponseEntity.created(URI.create("/api/reports/dialogues")).body(recorded);
  }

  @GetMapping(path = "/api/reports/dialogues", produces = "application/json")
  @Operation(summary = "Số buổi đối thoại, người dự (nữ, nam), cam kết đã giữ, không giữ, còn mở, quá hạn (DWC; lãnh"
      + " đạo xã cho xã mình) / Meetings, attendance by sex, commitments kept, not kept, open, overdue")
  DialogueMeetings.Counts counts(@RequestParam(required = false) String commune, Authentication user) {
    return meetings.counts(Viewer.of(user), commune);
  }
}
