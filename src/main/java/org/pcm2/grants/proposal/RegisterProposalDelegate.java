package org.pcm2.grants.proposal;

import static org.pcm2.grants.grantcycle.GrantVariables.date;
import static org.pcm2.grants.grantcycle.GrantVariables.wholeOrZero;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupLocation;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.sector.Sectors;
import org.springframework.stereotype.Component;

/**
 * Registers a (re)submitted proposal: gives it its code (the business key) the first time,
 * finds its unit and commune, and derives the figures that screening and routing need.
 */
@Component("registerProposalDelegate")
public class RegisterProposalDelegate implements JavaDelegate {

  private final DirectoryService directory;
  private final SubprojectCodes codes;
  private final EvidenceFiles evidence;
  private final Sectors sectors;

  public RegisterProposalDelegate(DirectoryService directory, SubprojectCodes codes, EvidenceFiles evidence,
      Sectors sectors) {
    this.directory = directory;
    this.codes = codes;
    this.evidence = evidence;
    this.sectors = sectors;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> v = execution.getVariables();
    GroupLocation location = directory.locate((String) v.get(Var.GROUP_CODE));
    String code = execution.getProcessBusinessKey();
    if (code == null || code.isBlank()) {
      code = codes.next(location.commune().code());
      execution.setProcessBusinessKey(code);
    }
    execution.setVariable(Var.SUBPROJECT_CODE, code);
    // the group's facilitator in the directory, whoever sent the proposal and whatever it says
    execution.setVariable(Var.FACILITATOR_ID, location.group().facilitatorId());
    // the minutes sent with the proposal, held for its facilitator until now
    Object minutes = v.get(Var.MINUTES_FILES);
    if (minutes != null) {
      evidence.take(Var.MINUTES_FILES, minutes, code, location.group().facilitatorId(),
          SubprojectGrantProcess.Element.START_PROPOSAL_SUBMITTED);
    }
    execution.setVariable(Var.GROUP_NAME, location.group().name());
    execution.setVariable(Var.UNIT_TYPE, ProposalValidator.unitType(location.group().kind()));
    execution.setVariable(Var.UNIT_CODE, location.unitCode());
    execution.setVariable(Var.UNIT_NAME, location.unitName());
    execution.setVariable(Var.COMMUNE_CODE, location.commune().code());
    execution.setVariable(Var.COMMUNE_NAME, location.commune().name());
    // a proposal made before sectors were asked for has none until its revision names one
    java.util.Optional.ofNullable((String) v.get(Var.SECTOR_CODE)).flatMap(sectors::find).ifPresent(sector -> {
      execution.setVariable(Var.SECTOR_NAME, sector.name());
      execution.setVariable(Var.OUTPUT_UNIT, sector.unit());
    });
    execution.setVariable(Var.COMMUNE_LEADERS_GROUP, IdentityGroups.communeLeaders(location.commune().code()));

    long requested = wholeOrZero(v, Var.REQUESTED_GRANT);
    long contribution = wholeOrZero(v, Var.CONTRIBUTION_CASH) + wholeOrZero(v, Var.CONTRIBUTION_LABOUR)
        + wholeOrZero(v, Var.CONTRIBUTION_MATERIALS);
    execution.setVariable(Var.REQUESTED_GRANT, requested);
    execution.setVariable(Var.CONTRIBUTION_TOTAL, contribution);
    execution.setVariable(Var.CONTRIBUTION_SHARE, share(contribution, requested + contribution));
    long months = ChronoUnit.MONTHS.between(date(v, Var.PLANNED_START), date(v, Var.PLANNED_END).plusDays(1));
    execution.setVariable(Var.DURATION_MONTHS, (int) Math.max(months, 1));
    execution.setVariable(Var.TOTAL_BENEFICIARIES,
        (int) (wholeOrZero(v, Var.BENEFICIARIES_WOMEN) + wholeOrZero(v, Var.BENEFICIARIES_MEN)));
  }

  /** Percentage with one decimal. */
  static double share(long part, long total) {
    return total == 0 ? 0 : Math.round(part * 1000.0 / total) / 10.0;
  }
}
