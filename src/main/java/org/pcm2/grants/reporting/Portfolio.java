package org.pcm2.grants.reporting;

import org.pcm2.grants.grantcycle.Stage;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A portfolio report: one line a group (or one line for all), and the total. */
public record Portfolio(PortfolioQuery query, List<Line> lines, Figures total) {

  /** The group a line stands for (dimension key → code and name) and its figures. */
  public record Line(Map<String, Named> group, Figures figures) {
  }

  /** A code and the name it has in the directory. */
  public record Named(String code, String name) {
  }

  /**
   * The summed figures of a set of sub-projects; money in đồng. Shares, averages and costs
   * per person are worked out from the sums, so a total is exactly the sum of its lines.
   */
  public record Figures(long subprojects, Map<Stage, Long> stages, long requested, long approved, long released,
      long disbursed, long contributionPlanned, long contributionCash, long contributionLabour,
      long contributionMaterials, long contributionMobilised, long disbursedWhereMobilised, long beneficiariesWomen,
      long beneficiariesMen, long beneficiariesPoor, long beneficiariesEthnicMinority, long womenReached,
      long menReached, long disbursedWhereReached, double scoreSum, long scored, long awards, long awarded,
      long awardPaid, long studentsGirls, long studentsBoys, Outputs outputs, Chf chf) {

    public static final Figures NONE = new Figures(0, new EnumMap<>(Stage.class), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Outputs.NONE, Chf.NONE);

    public Figures {
      Map<Stage, Long> all = new LinkedHashMap<>();
      for (Stage stage : Stage.values()) {
        all.put(stage, stages.getOrDefault(stage, 0L));
      }
      stages = all;
    }

    /** Approved and not yet paid out nor returned to the envelope. */
    @JsonProperty
    public long remaining() {
      return approved - released - disbursed;
    }

    /** The community's planned share of the sub-projects' cost (grant requested + contribution), in %. */
    @JsonProperty
    public Double contributionSharePlanned() {
      return percent(contributionPlanned, contributionPlanned + requested);
    }

    /** The share the community actually mobilised of what was spent (grant disbursed + mobilised), in %. */
    @JsonProperty
    public Double contributionShareMobilised() {
      return percent(contributionMobilised, contributionMobilised + disbursedWhereMobilised);
    }

    @JsonProperty
    public long beneficiariesPlanned() {
      return beneficiariesWomen + beneficiariesMen;
    }

    @JsonProperty
    public long beneficiariesReached() {
      return womenReached + menReached;
    }

    /** Grant requested per person the proposals plan to reach, in đồng. */
    @JsonProperty
    public Long costPerBeneficiaryPlanned() {
      return perPerson(requested, beneficiariesPlanned());
    }

    /** Grant disbursed per person reached, over the sub-projects that reported whom they reached. */
    @JsonProperty
    public Long costPerBeneficiaryReached() {
      return perPerson(disbursedWhereReached, beneficiariesReached());
    }

    /** The commune leaders' average evaluation score (0–100), over the evaluated sub-projects. */
    @JsonProperty
    public Double averageScore() {
      return scored == 0 ? null : Math.round(scoreSum / scored * 10) / 10.0;
    }

    public Figures plus(Figures o) {
      Map<Stage, Long> sum = new EnumMap<>(Stage.class);
      for (Stage stage : Stage.values()) {
        sum.put(stage, stages.get(stage) + o.stages.get(stage));
      }
      return new Figures(subprojects + o.subprojects, sum, requested + o.requested, approved + o.approved,
          released + o.released, disbursed + o.disbursed, contributionPlanned + o.contributionPlanned,
          contributionCash + o.contributionCash, contributionLabour + o.contributionLabour,
          contributionMaterials + o.contributionMaterials, contributionMobilised + o.contributionMobilised,
          disbursedWhereMobilised + o.disbursedWhereMobilised, beneficiariesWomen + o.beneficiariesWomen,
          beneficiariesMen + o.beneficiariesMen, beneficiariesPoor + o.beneficiariesPoor,
          beneficiariesEthnicMinority + o.beneficiariesEthnicMinority, womenReached + o.womenReached,
          menReached + o.menReached, disbursedWhereReached + o.disbursedWhereReached, scoreSum + o.scoreSum,
          scored + o.scored, awards + o.awards, awarded + o.awarded, awardPaid + o.awardPaid,
          studentsGirls + o.studentsGirls, studentsBoys + o.studentsBoys, outputs.plus(o.outputs), chf.plus(o.chf));
    }

    /** The contribution mobilised against what the same sub-projects planned, in %. */
    @JsonProperty
    public Double contributionMobilisedOfPlanned() {
      return percent(contributionMobilised, outputs.contributionPlannedWhereMobilised());
    }

    /** The contribution mobilised per person reached, over the sub-projects that reported both. */
    @JsonProperty
    public Long contributionPerBeneficiaryReached() {
      return perPerson(outputs.mobilisedWhereReached(), beneficiariesReached());
    }

    private static Double percent(long part, long whole) {
      return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private static Long perPerson(long amount, long people) {
      return people == 0 ? null : Math.round((double) amount / people);
    }
  }

  /**
   * The money in Swiss francs for the funder, each cycle's đồng at the rate DWC recorded for
   * it (to the centime, summed line by line); {@code subprojectsWithoutRate} counts those whose
   * cycle has none yet, whose money is then left out of these figures.
   */
  public record Chf(BigDecimal requested, BigDecimal approved, BigDecimal released, BigDecimal disbursed,
      BigDecimal contributionPlanned, BigDecimal contributionMobilised, long subprojectsWithoutRate) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    public static final Chf NONE = new Chf(ZERO, ZERO, ZERO, ZERO, ZERO, ZERO, 0);

    public Chf {
      requested = centimes(requested);
      approved = centimes(approved);
      released = centimes(released);
      disbursed = centimes(disbursed);
      contributionPlanned = centimes(contributionPlanned);
      contributionMobilised = centimes(contributionMobilised);
    }

    /** Approved and not yet paid out nor returned, in francs. */
    @JsonProperty
    public BigDecimal remaining() {
      return approved.subtract(released).subtract(disbursed);
    }

    public Chf plus(Chf o) {
      return new Chf(requested.add(o.requested), approved.add(o.approved), released.add(o.released),
          disbursed.add(o.disbursed), contributionPlanned.add(o.contributionPlanned),
          contributionMobilised.add(o.contributionMobilised), subprojectsWithoutRate + o.subprojectsWithoutRate);
    }

    private static BigDecimal centimes(BigDecimal value) {
      return value == null ? ZERO : value.setScale(2, java.math.RoundingMode.HALF_UP);
    }
  }

  /**
   * What the sub-projects build and achieve, and what it costs: the girls and boys schools
   * reached, the main output planned and achieved in the sector's unit, and the money beside
   * each, so that costs per unit are worked out from sums over the same sub-projects. Outputs
   * add up only within one sector: {@code outputUnit} names it, and is null (with every figure
   * per unit) where a line or a total holds more than one.
   */
  public record Outputs(long studentsGirlsReached, long studentsBoysReached, long outputPlanned,
      long requestedWhereOutput, long contributionWhereOutput, long outputAchieved, long disbursedWhereAchieved,
      long mobilisedWhereAchieved, long contributionPlannedWhereMobilised, long mobilisedWhereReached,
      String outputUnit) {

    public static final Outputs NONE = new Outputs(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);

    /** The same figures, their unit known (a line of one sector). */
    public Outputs in(String unit) {
      return new Outputs(studentsGirlsReached, studentsBoysReached, outputPlanned, requestedWhereOutput,
          contributionWhereOutput, outputAchieved, disbursedWhereAchieved, mobilisedWhereAchieved,
          contributionPlannedWhereMobilised, mobilisedWhereReached, unit);
    }

    /** Grant requested per unit of output planned. */
    @JsonProperty
    public Long grantPerUnitPlanned() {
      return perUnit(requestedWhereOutput, outputPlanned);
    }

    /** The community's planned contribution per unit of output planned. */
    @JsonProperty
    public Long contributionPerUnitPlanned() {
      return perUnit(contributionWhereOutput, outputPlanned);
    }

    /** Grant disbursed per unit of output achieved, over the sub-projects that reported it. */
    @JsonProperty
    public Long grantPerUnitAchieved() {
      return perUnit(disbursedWhereAchieved, outputAchieved);
    }

    /** The contribution mobilised per unit of output achieved. */
    @JsonProperty
    public Long contributionPerUnitAchieved() {
      return perUnit(mobilisedWhereAchieved, outputAchieved);
    }

    public Outputs plus(Outputs o) {
      String unit = outputPlanned == 0 && outputAchieved == 0 ? o.outputUnit
          : o.outputPlanned == 0 && o.outputAchieved == 0 ? outputUnit
          : java.util.Objects.equals(outputUnit, o.outputUnit) ? outputUnit : null;
      return new Outputs(studentsGirlsReached + o.studentsGirlsReached, studentsBoysReached + o.studentsBoysReached,
          outputPlanned + o.outputPlanned, requestedWhereOutput + o.requestedWhereOutput,
          contributionWhereOutput + o.contributionWhereOutput, outputAchieved + o.outputAchieved,
          disbursedWhereAchieved + o.disbursedWhereAchieved, mobilisedWhereAchieved + o.mobilisedWhereAchieved,
          contributionPlannedWhereMobilised + o.contributionPlannedWhereMobilised,
          mobilisedWhereReached + o.mobilisedWhereReached, unit);
    }

    private Long perUnit(long amount, long units) {
      return outputUnit == null || units == 0 ? null : Math.round((double) amount / units);
    }
  }
}
