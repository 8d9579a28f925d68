package org.pcm2.grants.sector;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A sector of sub-projects (roads, clean water, sanitation...) and the unit its main output is
 * measured in, so that outputs and costs per unit compare within it. Kept by DWC.
 */
@Schema(description = "Lĩnh vực và đơn vị đo kết quả / A sector and the unit of its output")
public record Sector(@Schema(example = "ROADS") String code, @Schema(example = "Đường giao thông, lối đi") String nameVi,
    @Schema(example = "Roads and paths") String nameEn, @Schema(example = "m đường") String unitVi,
    @Schema(example = "m of road or path") String unitEn, @Schema(example = "1") int sortOrder,
    @Schema(description = "Nhận đề xuất mới / Takes new proposals") boolean active) {

  /** "Đường giao thông, lối đi / Roads and paths". */
  public String name() {
    return nameVi + " / " + nameEn;
  }

  /** "m đường / m of road or path". */
  public String unit() {
    return unitVi + " / " + unitEn;
  }
}
