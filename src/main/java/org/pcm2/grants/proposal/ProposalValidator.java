package org.pcm2.grants.proposal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import static org.pcm2.grants.grantcycle.GrantVariables.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupKind;
import org.pcm2.grants.directory.GroupLocation;
import org.pcm2.grants.funding.FundingCycle;
import org.pcm2.grants.funding.FundingCycles;
import org.pcm2.grants.sector.Sector;
import org.pcm2.grants.sector.Sectors;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.FieldChecks.Need;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.Money;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/**
 * Checks a proposal before it enters the cycle (start and every resubmission): required
 * fields, whole positive amounts within the fund's cap, dates in order, known group and
 * fund, and the school variant's teacher and students.
 */
@Component
public class ProposalValidator {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  static final int MAX_TEXT = FieldChecks.MAX_TEXT;

  private final DirectoryService directory;
  private final GrantLimits limits;
  private final FundingCycles cycles;
  private final Sectors sectors;

  public ProposalValidator(DirectoryService directory, GrantLimits limits, FundingCycles cycles, Sectors sectors) {
    this.directory = directory;
    this.limits = limits;
    this.cycles = cycles;
    this.sectors = sectors;
  }

  public List<FieldError> validate(Map<String, ?> v) {
    return validate(v, false);
  }

  /** The proposal's fields; for a new one ({@code submission}) also its cycle's calendar. */
  private List<FieldError> validate(Map<String, ?> v, boolean submission) {
    List<FieldError> errors = new ArrayList<>();
    String title = text(v, Var.TITLE);
    if (title == null || title.isEmpty()) {
      errors.add(FieldChecks.required(Var.TITLE));
    } else if (title.length() < 5 || title.length() > 200) {
      errors.add(new FieldError(Var.TITLE, Texts.both("proposal.titleLength")));
    }
    String fund = text(v, Var.FUND_CODE);
    if (fund == null || fund.isEmpty()) {
      errors.add(FieldChecks.required(Var.FUND_CODE));
    }
    String cycle = text(v, Var.CYCLE_CODE);
    if (cycle == null || cycle.isEmpty()) {
      errors.add(FieldChecks.required(Var.CYCLE_CODE));
    } else if (!cycle.matches("[A-Za-z0-9-]{1,40}")) {
      errors.add(new FieldError(Var.CYCLE_CODE, Texts.both("proposal.cycleCode")));
    }
    for (String name : List.of(Var.OBJECTIVES, Var.ACTIVITIES, Var.BUDGET_LINES, Var.MEETING_MINUTES_NOTE,
        Var.CORE_TEACHER)) {
      FieldChecks.optionalText(v, name, MAX_TEXT, errors);
    }
    for (String name : List.of(Var.OBJECTIVES, Var.ACTIVITIES)) {
      String value = text(v, name);
      if (value == null || value.isEmpty()) {
        errors.add(FieldChecks.required(name));
      }
    }

    checkSector(v, submission, errors);

    Optional<CommunityGroup> group = Optional.empty();
    String groupCode = text(v, Var.GROUP_CODE);
    if (groupCode == null || groupCode.isEmpty()) {
      errors.add(FieldChecks.required(Var.GROUP_CODE));
    } else {
      group = directory.findGroup(groupCode);
      if (group.isEmpty()) {
        errors.add(new FieldError(Var.GROUP_CODE, Texts.both("proposal.unknownGroup", groupCode)));
      }
    }

    Long requested = FieldChecks.amount(v, Var.REQUESTED_GRANT, Need.POSITIVE, errors);
    for (String name : List.of(Var.CONTRIBUTION_CASH, Var.CONTRIBUTION_LABOUR, Var.CONTRIBUTION_MATERIALS)) {
      FieldChecks.amount(v, name, Need.OPTIONAL, errors);
    }
    if (requested != null && requested > 0 && fund != null && group.isPresent()) {
      String unitType = unitType(group.get().kind());
      Optional<GrantLimits.Limits> fundLimits = limits.of(fund, unitType);
      if (fundLimits.isEmpty()) {
        errors.add(new FieldError(Var.FUND_CODE, Texts.both("proposal.fundTakesNoUnit", fund, unitType)));
      } else if (requested > fundLimits.get().maxGrant()) {
        errors.add(new FieldError(Var.REQUESTED_GRANT, Texts.both("proposal.aboveCap", Money.format(fundLimits.get().maxGrant()))));
      }
    }

    if (cycle != null && cycle.matches("[A-Za-z0-9-]{1,40}")) {
      checkCycle(cycle, fund, group, submission, errors);
    }

    LocalDate start = FieldChecks.requiredDate(v, Var.PLANNED_START, errors);
    LocalDate end = FieldChecks.requiredDate(v, Var.PLANNED_END, errors);
    if (start != null && end != null && end.isBefore(start)) {
      errors.add(new FieldError(Var.PLANNED_END, Texts.both("proposal.endBeforeStart")));
    }

    Long women = FieldChecks.count(v, Var.BENEFICIARIES_WOMEN, true, errors);
    Long men = FieldChecks.count(v, Var.BENEFICIARIES_MEN, true, errors);
    FieldChecks.count(v, Var.BENEFICIARIES_POOR, false, errors);
    FieldChecks.count(v, Var.BENEFICIARIES_ETHNIC_MINORITY, false, errors);
    if (women != null && men != null && women + men == 0) {
      errors.add(new FieldError(Var.BENEFICIARIES_WOMEN, Texts.both("proposal.oneBeneficiary")));
    }

    if (group.isPresent() && group.get().kind() == GroupKind.STUDENT_GROUP) {
      String teacher = text(v, Var.CORE_TEACHER);
      if (teacher == null || teacher.isEmpty()) {
        errors.add(new FieldError(Var.CORE_TEACHER, Texts.both("proposal.coreTeacher")));
      }
      Long girls = FieldChecks.count(v, Var.STUDENTS_GIRLS, true, errors);
      Long boys = FieldChecks.count(v, Var.STUDENTS_BOYS, true, errors);
      if (girls != null && boys != null && girls + boys == 0) {
        errors.add(new FieldError(Var.STUDENTS_GIRLS, Texts.both("proposal.oneStudent")));
      }
    }
    return errors;
  }

  /**
   * The sector and the planned output in its unit: required of a new proposal; a revision of
   * one made before sectors were asked for may go without, but what it gives is checked. A
   * retired sector takes no new proposal; one already in it keeps it.
   */
  private void checkSector(Map<String, ?> v, boolean submission, List<FieldError> errors) {
    String code = text(v, Var.SECTOR_CODE);
    if (code == null || code.isEmpty()) {
      if (submission) {
        errors.add(FieldChecks.required(Var.SECTOR_CODE));
      }
      FieldChecks.count(v, Var.OUTPUT_PLANNED, false, errors);
      return;
    }
    Optional<Sector> sector = code.length() > 20 ? Optional.empty() : sectors.find(code);
    if (sector.isEmpty()) {
      errors.add(new FieldError(Var.SECTOR_CODE, Texts.both("proposal.unknownSector", code)));
    } else if (submission && !sector.get().active()) {
      errors.add(new FieldError(Var.SECTOR_CODE, Texts.both("proposal.sectorRetired", sector.get().name())));
    }
    Long output = FieldChecks.count(v, Var.OUTPUT_PLANNED, true, errors);
    if (output != null && output == 0) {
      errors.add(new FieldError(Var.OUTPUT_PLANNED, Texts.both("proposal.outputPlanned",
          sector.map(Sector::unit).orElse("?"))));
    }
  }

  /**
   * A new proposal: its fields, and its cycle's calendar — a cycle takes proposals from its
   * opening day to its closing day, Vietnam time, by the engine's clock. (A revision of a
   * proposal already taken is checked with {@link #check} alone.)
   */
  public void checkSubmission(Map<String, ?> variables) {
    List<FieldError> errors = validate(variables, true);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /** Throws {@link InvalidInputException} naming every wrong field. */
  public void check(Map<String, ?> variables) {
    List<FieldError> errors = validate(variables);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /**
   * The cycle must exist, be open, belong to the fund and have an envelope for the group's commune or
   * school; a new proposal must also come between its opening and closing days.
   */
  private void checkCycle(String cycleCode, String fund, Optional<CommunityGroup> group, boolean submission,
      List<FieldError> errors) {
    Optional<FundingCycle> cycle = cycles.find(cycleCode);
    if (cycle.isEmpty()) {
      errors.add(new FieldError(Var.CYCLE_CODE, Texts.both("proposal.unknownCycle", cycleCode)));
      return;
    }
    if (!cycle.get().isOpen()) {
      errors.add(new FieldError(Var.CYCLE_CODE, Texts.both("proposal.cycleClosed", cycleCode)));
    }
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), VIETNAM);
    if (submission && (today.isBefore(cycle.get().opensOn()) || today.isAfter(cycle.get().closesOn()))) {
      errors.add(new FieldError(Var.CYCLE_CODE, Texts.both("proposal.outsideCalendar", cycleCode,
          DAY.format(cycle.get().opensOn()), DAY.format(cycle.get().closesOn()))));
    }
    if (fund != null && !fund.isEmpty() && !cycle.get().fundCode().equals(fund)) {
      errors.add(new FieldError(Var.FUND_CODE, Texts.both("proposal.cycleOfOtherFund", cycleCode, cycle.get().fundCode())));
    }
    if (group.isPresent()) {
      GroupLocation location = directory.locate(group.get().code());
      if (cycles.envelopeFor(cycleCode, location.unitCode(), location.commune().code()).isEmpty()) {
        errors.add(new FieldError(Var.CYCLE_CODE, Texts.both("proposal.noEnvelope", cycleCode, location.commune().name())));
      }
    }
  }

  static String unitType(GroupKind kind) {
    return kind == GroupKind.CBG ? "HAMLET" : "SCHOOL";
  }
}
