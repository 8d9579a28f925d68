package org.pcm2.grants.award;

import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.grantcycle.AwardRoundProcess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.system.ConflictException;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Award rounds for DWC: the rounds of a cycle, a round's candidates, one award's amount. */
@RestController
@Tag(name = "award-rounds", description = "Xét thưởng / Award rounds")
class AwardRoundApi {

  /** A round with its candidates and its audit trail. */
  record RoundDetail(AwardRound round, List<Award> awards, List<AuditEntry> timeline) {
  }

  /** The amount of one award in whole đồng (0 = no award). */
  record AwardAmount(Long amount) {
  }

  private final AwardRounds rounds;
  private final AuditTrail auditTrail;
  private final RuntimeService runtime;

  AwardRoundApi(AwardRounds rounds, AuditTrail auditTrail, RuntimeService runtime) {
    this.rounds = rounds;
    this.auditTrail = auditTrail;
    this.runtime = runtime;
  }

  @GetMapping("/api/award-rounds")
  @Operation(summary = "Các đợt xét thưởng của một đợt cấp vốn (DWC) / Award rounds of a funding cycle (DWC)")
  List<AwardRound> ofCycle(@RequestParam String cycle, Authentication user) {
    requireDwc(user);
    return rounds.ofCycle(cycle);
  }

  @GetMapping("/api/award-rounds/{code}")
  @Operation(summary = "Một đợt xét thưởng: ứng viên, mức đề xuất, lựa chọn, chi trả (DWC) / A round (DWC)")
  RoundDetail round(@PathVariable String code, Authentication user) {
    requireDwc(user);
    AwardRound round = rounds.find(code).orElseThrow(() -> notFound(code));
    return new RoundDetail(round, rounds.awards(code), auditTrail.timeline(code));
  }

  @PutMapping(path = "/api/award-rounds/{code}/awards/{subprojectCode}", consumes = "application/json")
  @Operation(summary = "Đặt số tiền thưởng của một ứng viên, trong ngân sách (cán bộ chương trình DWC)"
      + " / Set one candidate's award within the budget (DWC officers)")
  @Transactional
  RoundDetail setAward(@PathVariable String code, @PathVariable String subprojectCode,
      @RequestBody AwardAmount request, Authentication user) {
    if (!Viewer.of(user).groups().contains(IdentityGroups.DWC_OFFICERS)) {
      throw new NotFoundException(Texts.both("access.officersOnly"));
    }
    AwardRound round = rounds.find(code).orElseThrow(() -> notFound(code));
    if (request == null || request.amount() == null) {
      throw new InvalidInputException(List.of(FieldChecks.required("amount")));
    }
    if (runtime.createExecutionQuery().processInstanceId(round.processInstanceId())
        .activityId(AwardRoundProcess.Element.SELECT_WINNERS).count() == 0) {
      throw new ConflictException(Texts.both("award.notSelecting", code));
    }
    rounds.select(code, Map.of(subprojectCode, request.amount()), AwardSelection.Mode.ONLY_THOSE_NAMED, "amount");
    List<Award> awards = rounds.awards(code);
    // the open selection task shows what was saved here
    runtime.setVariable(round.processInstanceId(), Var.AWARD_SELECTION, AwardSelectionText.format(awards,
        awards.stream().collect(Collectors.toMap(Award::subprojectCode, Award::amount))));
    return new RoundDetail(rounds.find(code).orElseThrow(), awards, auditTrail.timeline(code));
  }

  private static void requireDwc(Authentication user) {
    if (!Viewer.of(user).isDwc()) {
      throw new NotFoundException(Texts.both("access.dwcOnly"));
    }
  }

  private static NotFoundException notFound(String code) {
    return new NotFoundException(Texts.both("award.noRound", code));
  }
}
