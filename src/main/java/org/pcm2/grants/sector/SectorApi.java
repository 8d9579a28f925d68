package org.pcm2.grants.sector;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The sectors: everyone signed in reads them (a proposal names one); DWC's officers keep them. */
@RestController
@Tag(name = "sectors", description = "Lĩnh vực / Sectors")
class SectorApi {

  /** A sector as DWC sets it (the example is the demo's roads). */
  @Schema(description = "Lĩnh vực / A sector")
  record SectorRequest(@Schema(example = "Đường giao thông, lối đi", maxLength = 200) String nameVi,
      @Schema(example = "Roads and paths", maxLength = 200) String nameEn,
      @Schema(example = "m đường", maxLength = 60) String unitVi,
      @Schema(example = "m of road or path", maxLength = 60) String unitEn,
      @Schema(example = "1", minimum = "0", maximum = "1000") Integer sortOrder,
      @Schema(example = "true", description = "Nhận đề xuất mới / Takes new proposals") Boolean active) {
  }

  private final Sectors sectors;

  SectorApi(Sectors sectors) {
    this.sectors = sectors;
  }

  @GetMapping("/api/sectors")
  @Operation(summary = "Các lĩnh vực và đơn vị đo kết quả / Sectors and the units of their outputs")
  List<Sector> sectors() {
    return sectors.all();
  }

  @PutMapping(path = "/api/sectors/{code}", consumes = "application/json")
  @Operation(summary = "Thêm hoặc sửa một lĩnh vực (cán bộ chương trình DWC) / Add or change a sector (DWC officers)",
      description = "Đơn vị của một lĩnh vực đã có tiểu dự án không đổi được, vì kết quả đã ghi theo đơn vị đó. "
          + "/ The unit of a sector that has sub-projects cannot change: their outputs were recorded in it.")
  Sector save(@PathVariable String code, @RequestBody SectorRequest request, Authentication user) {
    if (!Viewer.of(user).groups().contains(IdentityGroups.DWC_OFFICERS)) {
      throw new NotFoundException(Texts.both("access.officersOnly"));
    }
    List<FieldError> errors = new ArrayList<>();
    if (!code.matches("[A-Z0-9_]{1,20}")) {
      errors.add(new FieldError("code", Texts.both("sector.code")));
    }
    text("nameVi", request.nameVi(), 200, errors);
    text("nameEn", request.nameEn(), 200, errors);
    text("unitVi", request.unitVi(), 60, errors);
    text("unitEn", request.unitEn(), 60, errors);
    if (request.sortOrder() == null || request.sortOrder() < 0 || request.sortOrder() > 1000) {
      errors.add(new FieldError("sortOrder", Texts.both("sector.sortOrder")));
    }
    if (request.active() == null) {
      errors.add(new FieldError("active", Texts.both("check.yesOrNo")));
    }
    if (errors.isEmpty()) {
      sectors.find(code).filter(old -> sectors.inUse(code)
          && (!old.unitVi().equals(request.unitVi().trim()) || !old.unitEn().equals(request.unitEn().trim())))
          .ifPresent(old -> errors.add(new FieldError("unitVi", Texts.both("sector.unitInUse", old.unit()))));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return sectors.save(new Sector(code, request.nameVi().trim(), request.nameEn().trim(), request.unitVi().trim(),
        request.unitEn().trim(), request.sortOrder(), request.active()));
  }

  private static void text(String field, String value, int max, List<FieldError> errors) {
    if (value == null || value.isBlank() || value.trim().length() > max) {
      errors.add(new FieldError(field, Texts.both("check.requiredAtMost", max)));
    }
  }
}
