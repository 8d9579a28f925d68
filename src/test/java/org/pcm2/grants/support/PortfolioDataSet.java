package org.pcm2.grants.support;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.pcm2.grants.reporting.Portfolio.Figures;
import org.pcm2.grants.reporting.Portfolio.Chf;
import org.pcm2.grants.reporting.Portfolio.Outputs;
import org.pcm2.grants.grantcycle.Stage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A generated portfolio written straight into the tables the report reads (places, funding
 * cycles, the read model, the ledger, award rounds and awards), every sub-project consistent
 * with its stage: money committed once approved, paid in tranches, returned on cancellation;
 * results and scores once reported and evaluated; awards for some closed ones. It keeps the
 * figures it wrote, so a report over it can be checked to the đồng.
 *
 * <p>The bulk path of the benchmark as well: the same rows the workflow would leave, without
 * the workflow, at any scale (communes × sub-projects per commune).
 */
public final class PortfolioDataSet {

  /** Sums by commune and fund, as the report groups them. */
  private final Map<String, Figures> byCommuneAndFund = new LinkedHashMap<>();
  /** Sums by province and sector, outputs in the sector's unit. */
  private final Map<String, Figures> bySector = new LinkedHashMap<>();
  /** By commune and fund, what the report works out, tallied here line by line as the ledger is written. */
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final List<String> communes = new ArrayList<>();
  /** Commune → its district and province, as the read model keeps them. */
  private final Map<String, String[]> placesOf = new LinkedHashMap<>();
  private final String prefix;

  private PortfolioDataSet(String prefix) {
    this.prefix = prefix;
  }

  public String province(int i) {
    return prefix + "P" + i;
  }

  public List<String> communes() {
    return communes;
  }

  public String cycle(String fund) {
    return prefix + "-" + fund;
  }

  public Figures expected(String commune, String fund) {
    return byCommuneAndFund.getOrDefault(commune + "/" + fund, Figures.NONE);
  }

  /** The figures of one sector's sub-projects in a province, their outputs in its unit. */
  public Figures expectedInSector(String province, String sector) {
    return bySector.getOrDefault(province + "/" + sector, Figures.NONE);
  }

  /**
   * The sectors of generated sub-projects and what one unit of each costs about, in đồng
   * (grant and contribution): a sub-project in 37 costs four times as much a unit.
   */
  public static final Map<String, Long> UNIT_COST = Map.of("ROADS", 60_000L, "WATER", 400_000L, "SANITATION",
      3_000_000L, "SCHOOL", 150_000L, "LIVELIHOODS", 1_000_000L, "ENVIRONMENT", 40_000L, "COMMUNITY", 8_000_000L);
  private static final List<String> HAMLET_SECTORS = List.of("ROADS", "WATER", "SANITATION", "LIVELIHOODS",
      "ENVIRONMENT", "COMMUNITY");

  public Figures expectedTotal() {
    return byCommuneAndFund.values().stream().reduce(Figures.NONE, Figures::plus);
  }

  /**
   * What the generator wrote, tallied by hand and not through the report's own figures:
   * the money still committed (each COMMIT line less each DISBURSE and RELEASE line) and
   * every evaluation score, in halves (scores are whole numbers and a half), with their count.
   */
  public record Tally(long committedLeft, long scoreHalves, long scored) {
    public static final Tally NONE = new Tally(0, 0, 0);

    public Tally plus(Tally o) {
      return new Tally(committedLeft + o.committedLeft, scoreHalves + o.scoreHalves, scored + o.scored);
    }

    /** The exact mean score, or null when nothing was scored. */
    public Double meanScore() {
      return scored == 0 ? null : scoreHalves / 2.0 / scored;
    }
  }

  public Tally tally(String commune, String fund) {
    return tallies.getOrDefault(commune + "/" + fund, Tally.NONE);
  }

  public Tally tallyFor(String commune) {
    return tallies.entrySet().stream().filter(e -> e.getKey().startsWith(commune + "/")).map(Map.Entry::getValue)
        .reduce(Tally.NONE, Tally::plus);
  }

  public Tally tallyTotal() {
    return tallies.values().stream().reduce(Tally.NONE, Tally::plus);
  }

  public Figures expectedFor(String commune) {
    return byCommuneAndFund.entrySet().stream().filter(e -> e.getKey().startsWith(commune + "/"))
        .map(Map.Entry::getValue).reduce(Figures.NONE, Figures::plus);
  }

  /**
   * Writes provinces × districts × communes, each commune with {@code perCommune}
   * sub-projects spread over both funds and every stage. Codes start with the prefix
   * (letters and digits), so several data sets live side by side.
   */
  public static PortfolioDataSet generate(JdbcTemplate jdbc, String prefix, int provinces, int districts,
      int communesPerDistrict, int perCommune, long seed) {
    PortfolioDataSet set = new PortfolioDataSet(prefix);
    Random random = new Random(seed);
    Timestamp now = Timestamp.from(Instant.now());
    List<Object[]> places = new ArrayList<>();
    for (int p = 1; p <= provinces; p++) {
      places.add(new Object[] {set.province(p), null, "PROVINCE", "Tỉnh Thử Nghiệm " + p});
      for (int d = 1; d <= districts; d++) {
        String district = prefix + "D" + p + "x" + d;
        places.add(new Object[] {district, set.province(p), "DISTRICT", "Huyện Đồng Tâm " + p + "." + d});
        for (int c = 1; c <= communesPerDistrict; c++) {
          String commune = prefix + "C" + p + "x" + d + "x" + c;
          places.add(new Object[] {commune, district, "COMMUNE", "Xã Hưng Đạo " + p + "." + d + "." + c});
          set.communes.add(commune);
          set.placesOf.put(commune, new String[] {district, set.province(p)});
        }
      }
    }
    jdbc.batchUpdate("INSERT INTO place (code, parent_code, kind, name) VALUES (?, ?, ?, ?)", places);
    for (String fund : List.of("CM", "INITIATIVE")) {
      jdbc.update("INSERT INTO funding_cycle (code, fund_code, name, opens_on, closes_on, status, created_by, created_at)"
          + " VALUES (?, ?, ?, ?, ?, 'OPEN', 'generator', ?)", set.cycle(fund), fund, "Đợt thử nghiệm " + fund,
          Date.valueOf(LocalDate.of(2026, 1, 1)), Date.valueOf(LocalDate.of(2026, 12, 31)), now);
      jdbc.update("INSERT INTO award_round (code, cycle_code, process_instance_id, budget, selected, paid, status,"
          + " opened_by, opened_at) VALUES (?, ?, 'generated', 1, 0, 0, 'CLOSED', 'generator', ?)",
          "XT-" + set.cycle(fund), set.cycle(fund), now);
      jdbc.update("INSERT INTO award_round (code, cycle_code, process_instance_id, budget, selected, paid, status,"
          + " opened_by, opened_at) VALUES (?, ?, 'generated', 1, 0, 0, 'SELECTING', 'generator', ?)",
          "XS-" + set.cycle(fund), set.cycle(fund), now);
    }

    List<Object[]> subprojects = new ArrayList<>();
    List<Object[]> ledger = new ArrayList<>();
    List<Object[]> awards = new ArrayList<>();
    Stage[] stages = Stage.values();
    int n = 0;
    for (String commune : set.communes) {
      for (int i = 0; i < perCommune; i++) {
        n++;
        String code = prefix + "-" + n;
        String fund = random.nextInt(4) == 0 ? "INITIATIVE" : "CM";
        String cycle = set.cycle(fund);
        Stage stage = stages[random.nextInt(stages.length)];
        long requested = (50 + random.nextInt(250)) * 100_000L;
        long cash = random.nextInt(30) * 100_000L;
        long labour = random.nextInt(30) * 100_000L;
        long materials = random.nextInt(20) * 100_000L;
        int women = 10 + random.nextInt(200);
        int men = 10 + random.nextInt(200);
        int poor = random.nextInt(40);
        int ethnic = random.nextInt(60);
        // one sub-project in five a school group's, with its girls and boys
        boolean school = random.nextInt(5) == 0;
        Integer girls = school ? 5 + random.nextInt(60) : null;
        Integer boys = school ? 5 + random.nextInt(60) : null;
        String sector = school ? "SCHOOL" : HAMLET_SECTORS.get(random.nextInt(HAMLET_SECTORS.size()));
        boolean approvedStage = stage.ordinal() >= Stage.DISBURSING.ordinal() && stage.ordinal() <= Stage.CLOSED.ordinal()
            || stage == Stage.CANCELLED && random.nextBoolean();
        long approved = approvedStage ? requested - random.nextInt(10) * 100_000L : 0;
        // submitted on a day of 2026's first 200, at a time of day; its money moves 20 to 120 days later
        Timestamp submitted = Timestamp.valueOf(LocalDate.of(2026, 1, 1).plusDays(n * 7919L % 200).atTime(
            (int) (n % 24), (int) (n * 13 % 60)));
        long disbursed = 0;
        long released = 0;
        int ledgerFrom = ledger.size();
        if (approvedStage) {
          ledger.add(new Object[] {code, fund, cycle, commune, "COMMIT", null, approved, day(submitted, 20), sector});
          long first = approved >= 20_000_000 ? approved * 7 / 10 : approved;
          boolean firstPaid = stage != Stage.DISBURSING || random.nextBoolean();
          boolean secondPaid = first < approved && stage.ordinal() >= Stage.REPORTING.ordinal() && stage != Stage.CANCELLED;
          if (firstPaid) {
            ledger.add(new Object[] {code, fund, cycle, commune, "DISBURSE", 1, first, day(submitted, 30), sector});
            disbursed += first;
          }
          if (secondPaid) {
            ledger.add(new Object[] {code, fund, cycle, commune, "DISBURSE", 2, approved - first, day(submitted, 90),
                sector});
            disbursed += approved - first;
          }
          if (stage == Stage.CANCELLED && approved > disbursed) {
            released = approved - disbursed;
            ledger.add(new Object[] {code, fund, cycle, commune, "RELEASE", null, released, day(submitted, 120),
                sector});
          }
        }
        boolean reported = stage == Stage.EVALUATING || stage == Stage.CLOSING || stage == Stage.CLOSED;
        Long mobilised = reported ? (cash + labour + materials) * (70 + random.nextInt(50)) / 100 : null;
        Integer womenReached = reported ? women - random.nextInt(10) : null;
        Integer menReached = reported ? men - random.nextInt(10) : null;
        Double score = stage == Stage.CLOSING || stage == Stage.CLOSED ? 40 + random.nextInt(61) + 0.5 : null;
        // what it builds (its sector: a school's facilities, a hamlet's anything else), at about its sector's cost a unit
        long unitCost = UNIT_COST.get(sector) * (80 + random.nextInt(46)) / 100 * (n % 37 == 0 ? 4 : 1);
        long outputPlanned = Math.max(1, (requested + cash + labour + materials) / unitCost);
        Long outputAchieved = reported ? outputPlanned - random.nextInt((int) Math.min(outputPlanned, 5)) : null;
        Integer girlsReached = reported && school ? girls - random.nextInt(5) : null;
        Integer boysReached = reported && school ? boys - random.nextInt(5) : null;
        Long maintenanceFund = reported ? random.nextInt(20) * 100_000L : null;
        subprojects.add(new Object[] {code, "generated-" + n, "Tiểu dự án thử " + n, fund, cycle, commune,
            set.placesOf.get(commune)[0], set.placesOf.get(commune)[1], "Xã " + commune, stage.name(), requested,
            approvedStage ? approved : null, disbursed,
            cash + labour + materials, cash, labour, materials, mobilised, women, men, poor, ethnic, womenReached,
            menReached, score, school ? "SCHOOL" : "HAMLET", girls, boys, sector, outputPlanned, outputAchieved,
            girlsReached, boysReached, reported ? "Tổ bảo trì " + n : null, maintenanceFund, submitted, now});
        long awarded = 0;
        long awardPaid = 0;
        int awardCount = 0;
        if (stage == Stage.CLOSED && random.nextInt(3) == 0) {
          awarded = (1 + random.nextInt(10)) * 1_000_000L;
          boolean paid = random.nextBoolean();
          awardPaid = paid ? awarded : 0;
          awardCount = 1;
          awards.add(new Object[] {"XT-" + cycle, code, n, score, 0.5, "A", awarded, awarded, paid ? Date.valueOf(
              LocalDate.of(2026, 11, 1)) : null});
        } else if (stage == Stage.CLOSED && random.nextInt(4) == 0) { // still being selected: not given yet
          awards.add(new Object[] {"XS-" + cycle, code, n, score, 0.5, "B", 2_000_000L, 2_000_000L, null});
        }
        Map<Stage, Long> stageCount = new EnumMap<>(Stage.class);
        stageCount.put(stage, 1L);
        Figures figures = new Figures(1, stageCount, requested, approved, released, disbursed,
            cash + labour + materials, cash, labour, materials, mobilised == null ? 0 : mobilised,
            mobilised == null ? 0 : disbursed, women, men, poor, ethnic, womenReached == null ? 0 : womenReached,
            menReached == null ? 0 : menReached, womenReached == null ? 0 : disbursed, score == null ? 0 : score,
            score == null ? 0 : 1, awardCount, awarded, awardPaid, girls == null ? 0 : girls, boys == null ? 0 : boys,
            new Outputs(girlsReached == null ? 0 : girlsReached, boysReached == null ? 0 : boysReached, outputPlanned,
                requested, cash + labour + materials, outputAchieved == null ? 0 : outputAchieved,
                outputAchieved == null ? 0 : disbursed, outputAchieved == null ? 0 : mobilised,
                mobilised == null ? 0 : cash + labour + materials, womenReached == null ? 0 : mobilised, null),
            new Chf(null, null, null, null, null, null, 1)); // the generated cycles have no rate
        set.byCommuneAndFund.merge(commune + "/" + fund, figures, Figures::plus);
        set.bySector.merge(set.placesOf.get(commune)[1] + "/" + sector, new Figures(figures.subprojects(), figures.stages(), figures.requested(),
            figures.approved(), figures.released(), figures.disbursed(), figures.contributionPlanned(),
            figures.contributionCash(), figures.contributionLabour(), figures.contributionMaterials(),
            figures.contributionMobilised(), figures.disbursedWhereMobilised(), figures.beneficiariesWomen(),
            figures.beneficiariesMen(), figures.beneficiariesPoor(), figures.beneficiariesEthnicMinority(),
            figures.womenReached(), figures.menReached(), figures.disbursedWhereReached(), figures.scoreSum(),
            figures.scored(), figures.awards(), figures.awarded(), figures.awardPaid(), figures.studentsGirls(),
            figures.studentsBoys(), figures.outputs().in(sector), figures.chf()), Figures::plus);
        long committedLeft = 0;
        for (Object[] line : ledger.subList(ledgerFrom, ledger.size())) {
          committedLeft += "COMMIT".equals(line[4]) ? (long) line[6] : -(long) line[6];
        }
        set.tallies.merge(commune + "/" + fund, new Tally(committedLeft, score == null ? 0 : Math.round(score * 2),
            score == null ? 0 : 1), Tally::plus);
      }
      if (subprojects.size() >= 5_000) {
        flush(jdbc, subprojects, ledger, awards);
      }
    }
    flush(jdbc, subprojects, ledger, awards);
    jdbc.update("UPDATE award_round r SET budget = COALESCE((SELECT SUM(amount) FROM award a WHERE a.round_code = r.code),"
        + " 0) + 1, selected = COALESCE((SELECT SUM(amount) FROM award a WHERE a.round_code = r.code), 0),"
        + " paid = COALESCE((SELECT SUM(amount) FROM award a WHERE a.round_code = r.code AND paid_on IS NOT NULL), 0)"
        + " WHERE r.code LIKE ?", "%" + prefix + "-%");
    return set;
  }

  private static void flush(JdbcTemplate jdbc, List<Object[]> subprojects, List<Object[]> ledger,
      List<Object[]> awards) {
    jdbc.batchUpdate("""
        INSERT INTO subproject (code, process_instance_id, title, fund_code, cycle_code, commune_code, district_code,
            province_code, commune_name, stage, requested_grant, approved_grant, disbursed, contribution_planned,
            contribution_cash, contribution_labour, contribution_materials, contribution_mobilised, beneficiaries_women,
            beneficiaries_men, beneficiaries_poor, beneficiaries_ethnic, women_reached, men_reached,
            evaluation_score, unit_type, students_girls, students_boys, sector_code, output_planned, output_achieved,
            students_girls_reached, students_boys_reached, maintenance_group, maintenance_fund, submitted_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?)
        """, subprojects);
    jdbc.batchUpdate("INSERT INTO ledger_entry (subproject_code, fund_code, cycle_code, commune_code, kind,"
        + " tranche_number, amount, recorded_at, sector_code, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'generator')",
        ledger);
    jdbc.batchUpdate("INSERT INTO award (round_code, subproject_code, rank_no, evaluation_score, women_share,"
        + " proposed_tier, proposed_amount, amount, paid_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", awards);
    subprojects.clear();
    ledger.clear();
    awards.clear();
  }

  /** The moment some days after another. */
  private static Timestamp day(Timestamp from, int days) {
    return Timestamp.valueOf(from.toLocalDateTime().plusDays(days));
  }
}
