package org.pcm2.grants.funding;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** A funding cycle (đợt cấp vốn) of a fund. */
@Schema(description = "Đợt cấp vốn / A funding cycle")
public record FundingCycle(@Schema(example = "CM-2026-1") String code, @Schema(example = "CM") String fundCode,
    @Schema(example = "Quỹ QLCĐ, đợt 1 năm 2026") String name, @Schema(example = "2026-07-01") LocalDate opensOn,
    @Schema(example = "2027-06-30") LocalDate closesOn,
    @Schema(example = "OPEN", allowableValues = {"OPEN", "CLOSED"}) String status) {

  public boolean isOpen() {
    return "OPEN".equals(status);
  }
}
