package org.pcm2.grants.funding;

import java.time.LocalDate;
import java.util.List;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's open funding cycles: the CM fund's 2026 cycle (150 million đồng per commune)
 * and the initiative fund's (30 million per commune). Idempotent; demo profile only.
 */
@Component
@Profile("demo")
@Order(10)
class DemoFundingCycles implements ApplicationRunner {

  static final String CM_CYCLE = "CM-2026-1";
  static final String INITIATIVE_CYCLE = "SK-2026-1";

  private final FundingCycles cycles;
  private final DirectoryService directory;

  DemoFundingCycles(FundingCycles cycles, DirectoryService directory) {
    this.cycles = cycles;
    this.directory = directory;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    LocalDate opens = LocalDate.of(2026, 7, 1);
    // the demo's cycles take proposals for at least a year from the day the demo first starts
    LocalDate closes = java.util.Collections.max(List.of(LocalDate.of(2027, 6, 30), LocalDate.now().plusYears(1)));
    cycles.open(new FundingCycle(CM_CYCLE, "CM", "Quỹ QLCĐ, đợt 1 năm 2026", opens, closes, "OPEN"), "system");
    cycles.open(new FundingCycle(INITIATIVE_CYCLE, "INITIATIVE", "Quỹ sáng kiến, đợt 1 năm 2026", opens, closes, "OPEN"),
        "system");
    // a demo rate for the funder's francs, set once: DWC records the real one for each cycle
    for (String cycle : List.of(CM_CYCLE, INITIATIVE_CYCLE)) {
      if (cycles.find(cycle).orElseThrow().chfRate() == null) {
        cycles.setChfRate(cycle, java.math.BigDecimal.valueOf(31_000), "system");
      }
    }
    for (Place commune : directory.communes()) {
      if (cycles.envelope(CM_CYCLE, commune.code()).isEmpty()) {
        cycles.setEnvelope(CM_CYCLE, commune.code(), 150_000_000L);
        cycles.setEnvelope(INITIATIVE_CYCLE, commune.code(), 30_000_000L);
      }
    }
  }
}
