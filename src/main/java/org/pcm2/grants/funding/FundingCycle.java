package org.pcm2.grants.funding;

import java.time.LocalDate;

/** A funding cycle (đợt cấp vốn) of a fund. */
public record FundingCycle(String code, String fundCode, String name, LocalDate opensOn, LocalDate closesOn,
    String status) {

  public boolean isOpen() {
    return "OPEN".equals(status);
  }
}
