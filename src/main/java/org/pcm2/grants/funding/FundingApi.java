package org.pcm2.grants.funding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.readmodel.SubprojectQueries;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Funding cycles, envelopes and the ledger: DWC reads and sets them; others read their own ledger lines. */
@RestController
@Tag(name = "funding", description = "Vốn / Funding")
class FundingApi {

  /** A new funding cycle (the example is the demo's CM cycle). */
  @Schema(description = "Đợt cấp vốn mới / A new funding cycle")
  record CycleRequest(@Schema(example = "CM-2026-1", pattern = "^[A-Za-z0-9-]{1,40}$") String code,
      @Schema(example = "CM", allowableValues = {"CM", "INITIATIVE", "REWARD"}) String fundCode,
      @Schema(example = "Quỹ QLCĐ, đợt 1 năm 2026", maxLength = 200) String name,
      @Schema(example = "2026-07-01") LocalDate opensOn, @Schema(example = "2027-06-30") LocalDate closesOn) {
  }

  /** An envelope amount in whole đồng (the example is the demo's envelope of a commune in the CM cycle). */
  @Schema(description = "Hạn mức, đồng / The envelope, in đồng")
  record EnvelopeRequest(@Schema(example = "150000000", minimum = "0", maximum = "1000000000000") Long amount) {
  }

  /** The rate of a cycle for the funder's francs (the example is about the rate of late 2026). */
  @Schema(description = "Tỷ giá: số đồng ăn một franc Thụy Sĩ / The rate: đồng for one Swiss franc")
  record ChfRateRequest(@Schema(example = "31000", minimum = "1000", maximum = "1000000") java.math.BigDecimal chfRate) {
  }

  private final FundingCycles cycles;
  private final Ledger ledger;
  private final SubprojectQueries subprojects;

  FundingApi(FundingCycles cycles, Ledger ledger, SubprojectQueries subprojects) {
    this.cycles = cycles;
    this.ledger = ledger;
    this.subprojects = subprojects;
  }

  @GetMapping("/api/cycles")
  @Operation(summary = "Các đợt cấp vốn / Funding cycles")
  List<FundingCycle> cycles() {
    return cycles.all();
  }

  @PostMapping(path = "/api/cycles", consumes = "application/json")
  @Operation(summary = "Mở đợt cấp vốn (cán bộ chương trình DWC) / Open a cycle (DWC officers)")
  @ApiResponse(responseCode = "201", description = "Đã mở đợt / The cycle is open", useReturnTypeSchema = true)
  ResponseEntity<FundingCycle> open(@RequestBody CycleRequest request, Authentication user) {
    requireOfficer(user);
    List<FieldError> errors = new ArrayList<>();
    if (request.code() == null || !request.code().matches("[A-Za-z0-9-]{1,40}")) {
      errors.add(new FieldError("code", Texts.both("funding.cycleCode")));
    }
    if (request.fundCode() == null || !List.of("CM", "INITIATIVE", "REWARD").contains(request.fundCode())) {
      errors.add(new FieldError("fundCode", "CM, INITIATIVE " + Texts.slashed("system.or") + " REWARD"));
    }
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      errors.add(new FieldError("name", Texts.both("check.requiredAtMost", 200)));
    }
    if (request.opensOn() == null) {
      errors.add(FieldChecks.required("opensOn"));
    }
    if (request.closesOn() == null || (request.opensOn() != null && request.closesOn().isBefore(request.opensOn()))) {
      errors.add(new FieldError("closesOn", Texts.both("funding.closesOn")));
    }
    if (errors.isEmpty() && cycles.find(request.code()).isPresent()) {
      errors.add(new FieldError("code", Texts.both("funding.cycleExists")));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    FundingCycle cycle = new FundingCycle(request.code(), request.fundCode(), request.name().trim(), request.opensOn(),
        request.closesOn(), "OPEN");
    cycles.open(cycle, user.getName());
    return ResponseEntity.status(201).body(cycles.find(cycle.code()).orElseThrow());
  }

  @PutMapping(path = "/api/cycles/{code}/envelopes/{holder}", consumes = "application/json")
  @Operation(summary = "Đặt hạn mức cho xã/trường / Set the envelope of a commune or school")
  Envelope envelope(@PathVariable String code, @PathVariable String holder, @RequestBody EnvelopeRequest request,
      Authentication user) {
    requireOfficer(user);
    cycles.find(code).orElseThrow(() -> new NotFoundException(Texts.both("funding.noCycle", code)));
    if (request.amount() == null || request.amount() < 0 || request.amount() > 1_000_000_000_000L) {
      throw new InvalidInputException(List.of(new FieldError("amount", Texts.both("funding.envelopeAmount"))));
    }
    cycles.setEnvelope(code, holder, request.amount());
    return cycles.envelope(code, holder).orElseThrow();
  }

  @PutMapping(path = "/api/cycles/{code}/chf-rate", consumes = "application/json")
  @Operation(summary = "Ghi tỷ giá franc Thụy Sĩ của đợt cho báo cáo nhà tài trợ (cán bộ chương trình DWC) / "
      + "Record the cycle's Swiss franc rate for the funder's reports (DWC officers)")
  FundingCycle chfRate(@PathVariable String code, @RequestBody ChfRateRequest request, Authentication user) {
    requireOfficer(user);
    cycles.find(code).orElseThrow(() -> new NotFoundException(Texts.both("funding.noCycle", code)));
    java.math.BigDecimal rate = request.chfRate();
    if (rate == null || rate.compareTo(java.math.BigDecimal.valueOf(1000)) < 0
        || rate.compareTo(java.math.BigDecimal.valueOf(1_000_000)) > 0 || rate.scale() > 2) {
      throw new InvalidInputException(List.of(new FieldError("chfRate", Texts.both("funding.chfRate"))));
    }
    cycles.setChfRate(code, rate, user.getName());
    return cycles.find(code).orElseThrow();
  }

  @PostMapping("/api/cycles/{code}/close")
  @Operation(summary = "Đóng đợt cấp vốn: không nhận cam kết mới / Close a cycle: no new commitments")
  FundingCycle close(@PathVariable String code, Authentication user) {
    requireOfficer(user);
    cycles.find(code).orElseThrow(() -> new NotFoundException(Texts.both("funding.noCycle", code)));
    cycles.close(code);
    return cycles.find(code).orElseThrow();
  }

  @GetMapping("/api/cycles/{code}/envelopes")
  @Operation(summary = "Hạn mức của đợt cho từng xã/trường (DWC) / Envelopes of a cycle (DWC)")
  List<Envelope> envelopes(@PathVariable String code, Authentication user) {
    requireDwc(user);
    return cycles.envelopes(code);
  }

  @GetMapping("/api/cycles/{code}/ledger")
  @Operation(summary = "Sổ cái của đợt (DWC) / Ledger of a cycle (DWC)")
  List<LedgerEntry> cycleLedger(@PathVariable String code, Authentication user) {
    requireDwc(user);
    return ledger.ofCycle(code);
  }

  @GetMapping("/api/subprojects/{code}/ledger")
  @Operation(summary = "Sổ cái của một tiểu dự án / Ledger of a sub-project")
  List<LedgerEntry> subprojectLedger(@PathVariable String code, Authentication user) {
    subprojects.find(Viewer.of(user), code)
        .orElseThrow(() -> new NotFoundException(Texts.both("proposal.noSubproject", code)));
    return ledger.ofSubproject(code);
  }

  private static void requireDwc(Authentication user) {
    if (!Viewer.of(user).isDwc()) {
      throw new NotFoundException(Texts.both("access.dwcOnly"));
    }
  }

  private static void requireOfficer(Authentication user) {
    if (!Viewer.of(user).groups().contains(IdentityGroups.DWC_OFFICERS)) {
      throw new NotFoundException(Texts.both("access.officersOnly"));
    }
  }
}
