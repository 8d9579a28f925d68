package org.pcm2.grants.funding;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** A funding cycle (đợt cấp vốn) of a fund. */
@Schema(description = "Đợt cấp vốn / A funding cycle")
public record FundingCycle(@Schema(example = "CM-2026-1") String code, @Schema(example = "CM") String fundCode,
    @Schema(example = "Quỹ QLCĐ, đợt 1 năm 2026") String name, @Schema(example = "2026-07-01") LocalDate opensOn,
    @Schema(example = "2027-06-30") LocalDate closesOn,
    @Schema(example = "OPEN", allowableValues = {"OPEN", "CLOSED"}) String status,
    @Schema(example = "31000", description = "Tỷ giá DWC ghi cho đợt: số đồng ăn một franc Thụy Sĩ; trống khi chưa ghi / "
        + "The rate DWC records for the cycle: đồng for one Swiss franc; empty until recorded")
    java.math.BigDecimal chfRate) {

  /** A cycle without a rate for the funder's francs yet. */
  public FundingCycle(String code, String fundCode, String name, LocalDate opensOn, LocalDate closesOn, String status) {
    this(code, fundCode, name, opensOn, closesOn, status, null);
  }

  public boolean isOpen() {
    return "OPEN".equals(status);
  }
}
