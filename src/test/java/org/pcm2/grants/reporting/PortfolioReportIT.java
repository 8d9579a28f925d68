package org.pcm2.grants.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.reporting.Portfolio.Figures;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PortfolioDataSet;
import org.pcm2.grants.support.PortfolioDataSet.Tally;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The portfolio report against a generated portfolio with known figures, on PostgreSQL:
 * every line and the total to the đồng, against what was generated and against the ledger
 * and read model summed directly; a leader's report holds their commune only; the CSV
 * reads back through a CSV parser with its Vietnamese intact, with either separator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortfolioReportIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DERIVED = List.of("remaining", "contributionSharePlanned",
      "contributionShareMobilised", "beneficiariesPlanned", "beneficiariesReached", "costPerBeneficiaryPlanned",
      "costPerBeneficiaryReached", "averageScore", "contributionMobilisedOfPlanned",
      "contributionPerBeneficiaryReached");
  private static final List<String> DERIVED_PER_UNIT = List.of("grantPerUnitPlanned", "contributionPerUnitPlanned",
      "grantPerUnitAchieved", "contributionPerUnitAchieved");

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;
  @Autowired
  private IdentityService identity;

  private PortfolioDataSet data;
  private ApiClient officer;

  @BeforeAll
  void generate() {
    data = PortfolioDataSet.generate(jdbc, "RPT", 2, 2, 3, 40, 20261128L); // 12 communes, 480 sub-projects
    officer = new ApiClient("http://localhost:" + port, "officer1", "demo");
    User leader = identity.newUser("rptleader");
    leader.setPassword("demo-Leader-2026");
    leader.setFirstName("Lê");
    leader.setLastName("Thị Báo Cáo");
    identity.saveUser(leader);
    String group = IdentityGroups.communeLeaders(data.communes().get(0));
    if (identity.createGroupQuery().groupId(group).count() == 0) {
      Group commune = identity.newGroup(group);
      commune.setName("Lãnh đạo " + data.communes().get(0));
      commune.setType(IdentityGroups.TYPE_COMMUNE);
      identity.saveGroup(commune);
    }
    identity.createMembership("rptleader", group);
    identity.createMembership("rptleader", IdentityGroups.COMMUNE_LEADERS);
  }

  @Test
  void everyLineAndTheTotalMatchWhatWasGenerated() throws Exception {
    JsonNode report = json(officer.get("/api/reports/portfolio?province=RPTP1&groupBy=commune,fund"));
    int lines = 0;
    for (JsonNode line : report.get("lines")) {
      String commune = line.at("/group/commune/code").asText();
      String fund = line.at("/group/fund/code").asText();
      assertThat(line.at("/group/commune/name").asText()).startsWith("Xã Hưng Đạo 1.");
      assertFigures(line.get("figures"), data.expected(commune, fund), data.tally(commune, fund), commune + "/" + fund);
      lines++;
    }
    assertThat(lines).isEqualTo(6 * 2); // 6 communes of province 1, both funds
    assertThat(data.tallyTotal().committedLeft()).as("money left committed somewhere").isPositive();
    assertThat(data.tallyTotal().scored()).as("scored sub-projects").isPositive();

    JsonNode all = json(officer.get("/api/reports/portfolio?province=RPTP1&groupBy=province"));
    Figures province1 = data.communes().stream().filter(c -> c.startsWith("RPTC1x"))
        .map(data::expectedFor).reduce(Figures.NONE, Figures::plus);
    Tally province1ByHand = data.communes().stream().filter(c -> c.startsWith("RPTC1x"))
        .map(data::tallyFor).reduce(Tally.NONE, Tally::plus);
    assertFigures(all.at("/lines/0/figures"), province1, province1ByHand, "province 1");
    assertFigures(all.get("total"), province1, province1ByHand, "total of province 1");

    JsonNode both = json(officer.get("/api/reports/portfolio?groupBy=province,district,fund,cycle"));
    Figures generated = Figures.NONE;
    long remaining = 0;
    for (JsonNode line : both.get("lines")) {
      if (line.at("/group/province/code").asText().startsWith("RPTP")) {
        generated = generated.plus(figures(line.get("figures")));
        remaining += line.at("/figures/remaining").asLong();
      }
    }
    assertSums(figures(JSON.valueToTree(generated)), data.expectedTotal(), "both provinces by district, fund and cycle");
    assertThat(remaining).as("remaining of both provinces, line by line").isEqualTo(data.tallyTotal().committedLeft());
  }

  @Test
  void moneyReconcilesWithTheLedgerAndCountsWithTheReadModel() throws Exception {
    JsonNode total = json(officer.get("/api/reports/portfolio?province=RPTP2")).get("total");
    String scope = "commune_code IN (SELECT c.code FROM place c JOIN place d ON d.code = c.parent_code"
        + " WHERE d.parent_code = 'RPTP2')";
    assertThat(total.get("approved").asLong()).isEqualTo(sum("ledger_entry", "amount", scope + " AND kind = 'COMMIT'"));
    assertThat(total.get("disbursed").asLong())
        .isEqualTo(sum("ledger_entry", "amount", scope + " AND kind = 'DISBURSE'"))
        .isEqualTo(sum("subproject", "disbursed", scope));
    assertThat(total.get("released").asLong()).isEqualTo(sum("ledger_entry", "amount", scope + " AND kind = 'RELEASE'"));
    assertThat(total.get("remaining").asLong()).isEqualTo(
        sum("ledger_entry", "CASE kind WHEN 'COMMIT' THEN amount ELSE -amount END", scope));
    assertThat(total.get("subprojects").asLong()).isEqualTo(sum("subproject", "1", scope));
    assertThat(total.get("requested").asLong()).isEqualTo(sum("subproject", "requested_grant", scope));
    assertThat(total.get("contributionPlanned").asLong()).isEqualTo(sum("subproject", "contribution_planned", scope))
        .isEqualTo(total.get("contributionCash").asLong() + total.get("contributionLabour").asLong()
            + total.get("contributionMaterials").asLong());
    assertThat(total.get("awarded").asLong()).isEqualTo(jdbc.queryForObject("SELECT COALESCE(SUM(w.amount), 0)"
        + " FROM award w JOIN award_round r ON r.code = w.round_code AND r.status = 'CLOSED'"
        + " JOIN subproject s ON s.code = w.subproject_code WHERE s." + scope, Long.class));
    long byStage = 0;
    for (JsonNode count : total.get("stages")) {
      byStage += count.asLong();
    }
    assertThat(byStage).isEqualTo(total.get("subprojects").asLong());
    System.out.printf("Reconciled province RPTP2: %d sub-projects, approved %,d ₫, disbursed %,d ₫, released %,d ₫,"
        + " remaining %,d ₫, awarded %,d ₫ — equal to the ledger and the read model%n",
        total.get("subprojects").asLong(), total.get("approved").asLong(), total.get("disbursed").asLong(),
        total.get("released").asLong(), total.get("remaining").asLong(), total.get("awarded").asLong());
  }

  @Test
  void aLeadersReportHoldsTheirCommuneOnly() throws Exception {
    String own = data.communes().get(0);
    ApiClient leader = new ApiClient("http://localhost:" + port, "rptleader", "demo-Leader-2026");
    JsonNode report = json(leader.get("/api/reports/portfolio?groupBy=commune"));
    assertThat(report.get("lines")).hasSize(1);
    assertThat(report.at("/lines/0/group/commune/code").asText()).isEqualTo(own);
    assertFigures(report.get("total"), data.expectedFor(own), data.tallyFor(own), "leader's own commune");
    // a filter cannot widen it: the province of several communes still gives the leader's one
    assertFigures(json(leader.get("/api/reports/portfolio?province=RPTP1")).get("total"), data.expectedFor(own),
        data.tallyFor(own), "leader with a province filter");

    HttpResponse<String> other = leader.get("/api/reports/portfolio?commune=" + data.communes().get(1));
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(json(other).at("/errors/0/field").asText()).isEqualTo("commune");
    assertThat(new ApiClient("http://localhost:" + port, "facilitator1", "demo").get("/api/reports/portfolio")
        .statusCode()).isEqualTo(403);
    String csv = new String(leader.download("/api/reports/portfolio.csv?groupBy=commune").body(),
        StandardCharsets.UTF_8);
    assertThat(csv).contains("Xã Hưng Đạo 1.1.1").doesNotContain("Xã Hưng Đạo 1.1.2");
  }

  @Test
  void badFiltersAreNamed() throws Exception {
    assertField(officer.get("/api/reports/portfolio?groupBy=village"), "groupBy");
    assertField(officer.get("/api/reports/portfolio?province=NOPE9"), "province");
    assertField(officer.get("/api/reports/portfolio?cycle=x%27%3B--"), "cycle");
    assertField(officer.get("/api/reports/portfolio.csv?separator=%7C"), "separator");
  }

  @Test
  void theCsvReadsBackWithItsVietnameseAndFigures() throws Exception {
    JsonNode report = json(officer.get("/api/reports/portfolio?province=RPTP1&groupBy=commune"));
    for (String separator : List.of(";", ",")) {
      HttpResponse<byte[]> download = officer.download("/api/reports/portfolio.csv?province=RPTP1&groupBy=commune"
          + "&separator=" + (separator.equals(";") ? "%3B" : "%2C"));
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
      byte[] bytes = download.body();
      assertThat(Arrays.copyOf(bytes, 3)).as("UTF-8 byte order mark")
          .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
      String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
      try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.EXCEL.builder()
          .setDelimiter(separator.charAt(0)).setHeader().setSkipHeaderRecord(true).get())) {
        assertThat(parser.getHeaderNames()).contains("Xã / Commune", "Số tiểu dự án / Sub-projects",
            "Đối ứng ngày công (₫) / Labour", "Nữ được hưởng lợi / Women reached", "Đã đóng / CLOSED");
        List<CSVRecord> records = parser.getRecords();
        assertThat(records).hasSize(report.get("lines").size() + 1);
        for (int i = 0; i < report.get("lines").size(); i++) {
          JsonNode line = report.get("lines").get(i);
          CSVRecord record = records.get(i);
          assertThat(record.get("Xã / Commune")).isEqualTo(line.at("/group/commune/name").asText())
              .startsWith("Xã Hưng Đạo");
          assertThat(Long.parseLong(record.get("Đã giải ngân (₫) / Disbursed")))
              .isEqualTo(line.at("/figures/disbursed").asLong());
          String share = record.get("Tỷ lệ đối ứng dự kiến (%) / Planned share");
          assertThat(Double.parseDouble(share.replace(',', '.')))
              .isEqualTo(line.at("/figures/contributionSharePlanned").asDouble());
          assertThat(share).doesNotContain(separator.equals(";") ? "." : ",");
        }
        CSVRecord total = records.get(records.size() - 1);
        assertThat(total.get(0)).isEqualTo("Tổng cộng / Total");
        assertThat(Long.parseLong(total.get("Đề nghị (₫) / Requested")))
            .isEqualTo(report.at("/total/requested").asLong());
      }
    }
  }

  @Test
  void everySubprojectInASheetWhoseTotalsAreThePortfoliosForTheSameFilter() throws Exception {
    for (String filter : List.of("province=RPTP1", "province=RPTP2&fund=CM", "commune=" + data.communes().get(3))) {
      JsonNode total = json(officer.get("/api/reports/portfolio?" + filter)).get("total");
      HttpResponse<byte[]> download = officer.download("/api/reports/subprojects.csv?" + filter);
      assertThat(download.statusCode()).as(filter).isEqualTo(200);
      assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".csv");
      byte[] bytes = download.body();
      assertThat(Arrays.copyOf(bytes, 3)).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
      try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, 3, bytes.length - 3,
          StandardCharsets.UTF_8)), CSVFormat.EXCEL.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
          .get())) {
        List<CSVRecord> records = parser.getRecords();
        List<CSVRecord> subprojects = records.subList(0, records.size() - 1);
        CSVRecord last = records.get(records.size() - 1);
        assertThat(subprojects).as(filter).hasSize(total.get("subprojects").asInt());
        assertThat(subprojects).extracting(r -> r.get("Mã tiểu dự án / Sub-project code")).doesNotHaveDuplicates();
        assertThat(last.get(0)).isEqualTo("Tổng cộng / Total (" + subprojects.size() + ")");
        for (String[] column : new String[][] {{"Đề nghị (₫) / Requested", "requested"},
            {"Đã duyệt (₫) / Approved", "approved"}, {"Đã giải ngân (₫) / Disbursed", "disbursed"},
            {"Nữ được hưởng lợi / Women reached", "womenReached"},
            {"Đối ứng dự kiến (₫) / Contribution planned", "contributionPlanned"},
            {"Học sinh nữ (trường học) / Girls (schools)", "studentsGirls"},
            {"Học sinh nam (trường học) / Boys (schools)", "studentsBoys"}}) {
          long summed = subprojects.stream().mapToLong(r -> r.get(column[0]).isEmpty() ? 0
              : Long.parseLong(r.get(column[0]))).sum();
          assertThat(summed).as(filter + ": " + column[0] + ", line by line").isEqualTo(total.get(column[1]).asLong())
              .isPositive();
          assertThat(Long.parseLong(last.get(column[0]))).as(filter + ": " + column[0] + ", total line")
              .isEqualTo(total.get(column[1]).asLong());
        }
      }
    }
    // a leader's sheet holds their commune only, whatever the filter
    ApiClient leader = new ApiClient("http://localhost:" + port, "rptleader", "demo-Leader-2026");
    String sheet = new String(leader.download("/api/reports/subprojects.csv?province=RPTP1").body(),
        StandardCharsets.UTF_8);
    assertThat(sheet).contains("Xã Hưng Đạo 1.1.1").doesNotContain("Xã Hưng Đạo 1.1.2");
    assertThat(new ApiClient("http://localhost:" + port, "facilitator1", "demo").get("/api/reports/subprojects.csv")
        .statusCode()).isEqualTo(403);
    assertField(officer.get("/api/reports/subprojects.csv?province=NOPE9"), "province");
  }

  @Test
  void everySectorsOutputsAndCostsPerUnitMatchWhatWasGeneratedAndTheLedger() throws Exception {
    Map<String, String> units = new HashMap<>();
    for (JsonNode sector : json(officer.get("/api/sectors"))) {
      units.put(sector.get("code").asText(), sector.get("unitVi").asText() + " / " + sector.get("unitEn").asText());
    }
    for (String province : List.of("RPTP1", "RPTP2")) {
      JsonNode report = json(officer.get("/api/reports/portfolio?province=" + province + "&groupBy=sector"));
      Set<String> seen = new HashSet<>();
      for (JsonNode line : report.get("lines")) {
        String sector = line.at("/group/sector/code").asText();
        seen.add(sector);
        assertThat(line.at("/group/sector/name").asText()).as(sector).contains(" / ");
        JsonNode f = line.get("figures");
        JsonNode o = f.get("outputs");
        Figures expected = data.expectedInSector(province, sector);
        assertSums(figures(f), new Figures(expected.subprojects(), expected.stages(), expected.requested(),
            expected.approved(), expected.released(), expected.disbursed(), expected.contributionPlanned(),
            expected.contributionCash(), expected.contributionLabour(), expected.contributionMaterials(),
            expected.contributionMobilised(), expected.disbursedWhereMobilised(), expected.beneficiariesWomen(),
            expected.beneficiariesMen(), expected.beneficiariesPoor(), expected.beneficiariesEthnicMinority(),
            expected.womenReached(), expected.menReached(), expected.disbursedWhereReached(), expected.scoreSum(),
            expected.scored(), expected.awards(), expected.awarded(), expected.awardPaid(), expected.studentsGirls(),
            expected.studentsBoys(), expected.outputs().in(units.get(sector)), expected.chf()), province + " " + sector);
        // money by sector from the ledger itself, through the sub-projects of the sector
        String scope = "s.sector_code = '" + sector + "' AND s.province_code = '" + province + "'";
        assertThat(f.get("approved").asLong()).as(sector).isEqualTo(ledger(scope, "COMMIT"));
        assertThat(f.get("disbursed").asLong()).as(sector).isEqualTo(ledger(scope, "DISBURSE"));
        assertThat(o.get("outputUnit").asText()).isEqualTo(units.get(sector));
        // costs per unit are worked out from the sums, to the đồng
        assertThat(o.get("grantPerUnitPlanned").asLong()).as(sector)
            .isEqualTo(Math.round((double) expected.outputs().requestedWhereOutput() / expected.outputs().outputPlanned()));
        assertThat(o.get("contributionPerUnitPlanned").asLong()).as(sector).isEqualTo(Math.round(
            (double) expected.outputs().contributionWhereOutput() / expected.outputs().outputPlanned()));
        if (expected.outputs().outputAchieved() > 0) {
          assertThat(o.get("grantPerUnitAchieved").asLong()).as(sector).isEqualTo(Math.round(
              (double) expected.outputs().disbursedWhereAchieved() / expected.outputs().outputAchieved()));
        }
        // the generated units cost between 0.8 and 1.25 times the sector's (one in 37 four times): the figure is real
        double planned = (double) (expected.outputs().requestedWhereOutput()
            + expected.outputs().contributionWhereOutput()) / expected.outputs().outputPlanned();
        assertThat(planned).as(sector + " cost per unit").isBetween(PortfolioDataSet.UNIT_COST.get(sector) * 0.7,
            PortfolioDataSet.UNIT_COST.get(sector) * 2.0);
      }
      assertThat(seen).as(province).containsAll(PortfolioDataSet.UNIT_COST.keySet());
      // a total over several sectors adds no outputs of different units
      assertThat(report.at("/total/outputs/outputUnit").isNull()).isTrue();
      assertThat(report.at("/total/outputs/grantPerUnitPlanned").isNull()).isTrue();
      assertThat(report.at("/total/outputs/studentsGirlsReached").asLong())
          .isEqualTo(sum("subproject", "students_girls_reached", "province_code = '" + province + "'")).isPositive();
    }
    // filtered on one sector, every line and the total are in its unit
    JsonNode roads = json(officer.get("/api/reports/portfolio?province=RPTP1&sector=ROADS&groupBy=commune"));
    assertThat(roads.at("/total/outputs/outputUnit").asText()).isEqualTo(units.get("ROADS"));
    assertThat(roads.at("/total/outputs/outputPlanned").asLong())
        .isEqualTo(data.expectedInSector("RPTP1", "ROADS").outputs().outputPlanned());
    assertThat(roads.at("/total/approved").asLong()).isEqualTo(ledger("s.sector_code = 'ROADS'"
        + " AND s.province_code = 'RPTP1'", "COMMIT"));
    for (JsonNode line : roads.get("lines")) {
      assertThat(line.at("/figures/outputs/outputUnit").asText()).isEqualTo(units.get("ROADS"));
    }
    assertField(officer.get("/api/reports/portfolio?sector=MINING"), "sector");
    assertField(officer.get("/api/reports/portfolio?sector=x%27--"), "sector");
  }

  @Test
  void costOutliersAreThoseFarFromTheirSectorsMedianOverTheProgramme() throws Exception {
    // the medians worked out here, from every sub-project with an output, not by the database's percentile; the
    // same before and after the call (the demo's sub-projects may still be on their way through the cycle)
    Map<String, Double> medians = medians();
    JsonNode outliers = json(officer.get("/api/reports/cost-outliers?province=RPTP1"));
    for (int tries = 0; !medians.equals(medians()) && tries < 20; tries++) {
      Thread.sleep(500);
      medians = medians();
      outliers = json(officer.get("/api/reports/cost-outliers?province=RPTP1"));
    }
    Map<String, Double> atTheCall = medians;
    Set<String> expected = new HashSet<>();
    jdbc.query("SELECT code, sector_code, COALESCE(requested_grant, 0) + COALESCE(contribution_planned, 0),"
        + " output_planned FROM subproject WHERE province_code = 'RPTP1' AND output_planned > 0"
        + " AND stage <> 'REJECTED'", rs -> {
          double cost = rs.getLong(3) / (double) rs.getLong(4);
          Double median = atTheCall.get(rs.getString(2));
          if (median != null && (Math.round(cost) > median * 2 || Math.round(cost) < median / 2)) {
            expected.add(rs.getString(1));
          }
        });
    Set<String> flagged = new HashSet<>();
    for (JsonNode outlier : outliers) {
      flagged.add(outlier.get("code").asText());
      assertThat(outlier.get("sectorMedian").asDouble()).isCloseTo(medians.get(outlier.get("sectorCode").asText()),
          within(0.51));
      assertThat(outlier.get("flag").asText()).matches("(CAO|THẤP): .* / (HIGH|LOW): .*");
    }
    assertThat(flagged).as("flagged in province 1").isEqualTo(expected).isNotEmpty();
    // the generator made one sub-project in 37 cost four times its sector's: most of those are among them
    long fourfold = flagged.stream().filter(code -> Integer.parseInt(code.substring(4)) % 37 == 0).count();
    assertThat(fourfold).as("four times as costly, flagged").isPositive();

    // the sheet flags the same ones, beside each sub-project's cost per unit and its sector's median
    String sheet = new String(officer.download("/api/reports/subprojects.csv?province=RPTP1&separator=%2C").body(),
        StandardCharsets.UTF_8).substring(1);
    try (CSVParser parser = CSVParser.parse(new StringReader(sheet), CSVFormat.EXCEL.builder().setHeader()
        .setSkipHeaderRecord(true).get())) {
      Set<String> inSheet = new HashSet<>();
      for (CSVRecord record : parser.getRecords()) {
        if (!record.get("Chi phí/đơn vị khác xa trung vị / Cost per unit far from the median").isEmpty()) {
          inSheet.add(record.get(0));
        }
      }
      assertThat(inSheet).isEqualTo(flagged);
    }
    // a leader sees their commune's only; a facilitator none
    ApiClient leader = new ApiClient("http://localhost:" + port, "rptleader", "demo-Leader-2026");
    JsonNode own = json(leader.get("/api/reports/cost-outliers?province=RPTP1"));
    for (JsonNode outlier : own) {
      assertThat(jdbc.queryForObject("SELECT commune_code FROM subproject WHERE code = ?", String.class,
          outlier.get("code").asText())).isEqualTo(data.communes().get(0));
    }
    assertThat(new ApiClient("http://localhost:" + port, "facilitator1", "demo").get("/api/reports/cost-outliers")
        .statusCode()).isEqualTo(403);
  }

  @Test
  void aPeriodHoldsTheSubprojectsSubmittedOrWhoseMoneyMovedInItAndOnlyThatMoney() throws Exception {
    // worked out here from the rows, in Vietnam's days, not by the report's SQL
    java.time.ZoneId vietnam = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    LocalDate from = LocalDate.of(2026, 3, 1);
    LocalDate to = LocalDate.of(2026, 5, 31);
    java.time.Instant start = from.atStartOfDay(vietnam).toInstant();
    java.time.Instant end = to.plusDays(1).atStartOfDay(vietnam).toInstant();
    Set<String> inPeriod = new HashSet<>();
    long[] money = new long[3]; // committed, paid, returned in the period
    jdbc.query("SELECT code, submitted_at FROM subproject WHERE province_code = 'RPTP1'", rs -> {
      java.time.Instant at = rs.getTimestamp(2).toInstant();
      if (!at.isBefore(start) && at.isBefore(end)) {
        inPeriod.add(rs.getString(1));
      }
    });
    int[] outside = new int[1];
    jdbc.query("SELECT l.subproject_code, l.kind, l.amount, l.recorded_at FROM ledger_entry l JOIN subproject s"
        + " ON s.code = l.subproject_code WHERE s.province_code = 'RPTP1'", rs -> {
          java.time.Instant at = rs.getTimestamp(4).toInstant();
          if (!at.isBefore(start) && at.isBefore(end)) {
            inPeriod.add(rs.getString(1));
            money[List.of("COMMIT", "DISBURSE", "RELEASE").indexOf(rs.getString(2))] += rs.getLong(3);
          } else {
            outside[0]++;
          }
        });
    assertThat(outside[0]).as("ledger lines outside the period").isPositive();
    JsonNode total = json(officer.get("/api/reports/portfolio?province=RPTP1&from=" + from + "&to=" + to)).get("total");
    assertThat(total.get("subprojects").asInt()).isEqualTo(inPeriod.size()).isPositive()
        .isLessThan(json(officer.get("/api/reports/portfolio?province=RPTP1")).at("/total/subprojects").asInt());
    assertThat(total.get("approved").asLong()).isEqualTo(money[0]).isPositive();
    assertThat(total.get("disbursed").asLong()).isEqualTo(money[1]).isPositive();
    assertThat(total.get("released").asLong()).isEqualTo(money[2]);
    // the sheet of the same period: the same sub-projects, and its money totals the report's
    String sheet = new String(officer.download("/api/reports/subprojects.csv?province=RPTP1&from=" + from + "&to="
        + to + "&separator=%2C").body(), StandardCharsets.UTF_8).substring(1);
    try (CSVParser parser = CSVParser.parse(new StringReader(sheet), CSVFormat.EXCEL.builder().setHeader()
        .setSkipHeaderRecord(true).get())) {
      List<CSVRecord> records = parser.getRecords();
      Set<String> codes = new HashSet<>();
      records.subList(0, records.size() - 1).forEach(r -> codes.add(r.get(0)));
      assertThat(codes).isEqualTo(inPeriod);
      CSVRecord last = records.get(records.size() - 1);
      assertThat(Long.parseLong(last.get("Đã duyệt (₫) / Approved"))).isEqualTo(money[0]);
      assertThat(Long.parseLong(last.get("Đã giải ngân (₫) / Disbursed"))).isEqualTo(money[1]);
    }
    // an open end, and wrong days named
    assertThat(json(officer.get("/api/reports/portfolio?province=RPTP1&from=2027-01-01")).at("/total/subprojects")
        .asInt()).isZero();
    assertField(officer.get("/api/reports/portfolio?from=2026-02-30"), "from");
    assertField(officer.get("/api/reports/portfolio?from=2026-05-01&to=2026-04-01"), "to");
  }

  @Test
  void francsAtTheRateDwcRecordsForEachCycle() throws Exception {
    String cycle = data.cycle("CM");
    // only a DWC officer records it; a wrong rate is named
    for (String user : List.of("facilitator1", "leader1", "finance1")) {
      assertThat(new ApiClient("http://localhost:" + port, user, "demo").putJson("/api/cycles/" + cycle + "/chf-rate",
          "{\"chfRate\":1}").statusCode()).as(user).isEqualTo(404);
    }
    assertField(officer.putJson("/api/cycles/" + cycle + "/chf-rate", "{\"chfRate\":12}"), "chfRate");
    assertField(officer.putJson("/api/cycles/" + cycle + "/chf-rate", "{\"chfRate\":31000.125}"), "chfRate");
    assertThat(jdbc.queryForObject("SELECT chf_rate FROM funding_cycle WHERE code = ?", java.math.BigDecimal.class,
        cycle)).isNull();
    HttpResponse<String> set = officer.putJson("/api/cycles/" + cycle + "/chf-rate", "{\"chfRate\":30500.50}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(JSON.readTree(set.body()).get("chfRate").decimalValue()).isEqualByComparingTo("30500.50");

    java.math.BigDecimal rate = new java.math.BigDecimal("30500.50");
    for (String commune : data.communes().subList(0, 3)) {
      JsonNode line = json(officer.get("/api/reports/portfolio?commune=" + commune + "&fund=CM")).get("total");
      String scope = "s.commune_code = '" + commune + "' AND s.cycle_code = '" + cycle + "'";
      for (String[] money : new String[][] {{"approved", "COMMIT"}, {"disbursed", "DISBURSE"}}) {
        java.math.BigDecimal expected = java.math.BigDecimal.valueOf(ledger(scope, money[1]))
            .divide(rate, 2, java.math.RoundingMode.HALF_UP);
        assertThat(line.at("/chf/" + money[0]).decimalValue()).as(commune + " " + money[0])
            .isEqualByComparingTo(expected);
      }
      assertThat(line.at("/chf/subprojectsWithoutRate").asLong()).isZero();
    }
    // the other fund's cycle has no rate: its sub-projects are counted as left out of the francs
    JsonNode initiative = json(officer.get("/api/reports/portfolio?commune=" + data.communes().get(0)
        + "&fund=INITIATIVE")).get("total");
    assertThat(initiative.at("/chf/subprojectsWithoutRate").asLong()).isEqualTo(initiative.get("subprojects").asLong());
    assertThat(initiative.at("/chf/approved").decimalValue()).isEqualByComparingTo("0");
    // the CSV writes the francs with the separator's decimal mark
    String csv = new String(officer.download("/api/reports/portfolio.csv?commune=" + data.communes().get(0)
        + "&fund=CM").body(), StandardCharsets.UTF_8);
    assertThat(csv).contains("Đã giải ngân (CHF) / Disbursed (CHF)").containsPattern(";\\d+,\\d{2};");
  }

  @Test
  void theSheetAsAnExcelWorkbookHoldsTheSameRowsAndTotals() throws Exception {
    String filter = "province=RPTP2&fund=CM";
    JsonNode total = json(officer.get("/api/reports/portfolio?" + filter)).get("total");
    HttpResponse<byte[]> download = officer.download("/api/reports/subprojects.xlsx?" + filter);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", ".xlsx");
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(download.body()))) {
      org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("Tiểu dự án");
      Map<String, Integer> columns = new HashMap<>();
      sheet.getRow(0).forEach(cell -> columns.put(cell.getStringCellValue(), cell.getColumnIndex()));
      int rows = sheet.getLastRowNum(); // the header is row 0, the totals the last
      assertThat(rows - 1).isEqualTo(total.get("subprojects").asInt()).isPositive();
      org.apache.poi.ss.usermodel.Row last = sheet.getRow(rows);
      assertThat(last.getCell(0).getStringCellValue()).isEqualTo("Tổng cộng / Total (" + (rows - 1) + ")");
      for (String[] column : new String[][] {{"Đề nghị (₫) / Requested", "requested"},
          {"Đã duyệt (₫) / Approved", "approved"}, {"Đã giải ngân (₫) / Disbursed", "disbursed"},
          {"Học sinh nữ được hưởng lợi / Girls reached", "/outputs/studentsGirlsReached"}}) {
        int c = columns.get(column[0]);
        double summed = 0;
        for (int r = 1; r < rows; r++) {
          org.apache.poi.ss.usermodel.Cell cell = sheet.getRow(r).getCell(c);
          if (cell != null && cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
            summed += cell.getNumericCellValue();
          }
        }
        long expected = column[1].startsWith("/") ? total.at(column[1]).asLong() : total.get(column[1]).asLong();
        assertThat((long) summed).as(column[0]).isEqualTo(expected);
        assertThat((long) last.getCell(c).getNumericCellValue()).as(column[0] + ", total row").isEqualTo(expected);
      }
      org.apache.poi.ss.usermodel.Row first = sheet.getRow(1);
      assertThat(first.getCell(columns.get("Xã / Commune")).getStringCellValue()).startsWith("Xã Hưng Đạo 2.");
      assertThat(first.getCell(columns.get("Lĩnh vực / Sector")).getStringCellValue()).contains(" / ");
    }
    // a leader's workbook holds their commune only; a facilitator gets none
    ApiClient leader = new ApiClient("http://localhost:" + port, "rptleader", "demo-Leader-2026");
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(leader.download("/api/reports/subprojects.xlsx?province=RPTP1").body()))) {
      org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(0);
      for (int r = 1; r < sheet.getLastRowNum(); r++) {
        assertThat(sheet.getRow(r).getCell(4).getStringCellValue()).isEqualTo(data.communes().get(0));
      }
      assertThat(sheet.getLastRowNum() - 1).isEqualTo(data.expectedFor(data.communes().get(0)).subprojects());
    }
    assertThat(new ApiClient("http://localhost:" + port, "facilitator1", "demo").get("/api/reports/subprojects.xlsx")
        .statusCode()).isEqualTo(403);
  }

  /** Each sector's median cost per unit, worked out in Java from every sub-project with an output. */
  private Map<String, Double> medians() {
    Map<String, List<Double>> costs = new HashMap<>();
    jdbc.query("SELECT sector_code, COALESCE(requested_grant, 0) + COALESCE(contribution_planned, 0), output_planned"
        + " FROM subproject WHERE sector_code IS NOT NULL AND output_planned > 0 AND stage <> 'REJECTED'", rs -> {
          costs.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>())
              .add(rs.getLong(2) / (double) rs.getLong(3));
        });
    Map<String, Double> medians = new HashMap<>();
    costs.forEach((sector, list) -> {
      java.util.Collections.sort(list);
      int n = list.size();
      if (n >= CostPerUnit.MIN_FOR_MEDIAN) {
        medians.put(sector, n % 2 == 1 ? list.get(n / 2) : (list.get(n / 2 - 1) + list.get(n / 2)) / 2);
      }
    });
    return medians;
  }

  private long ledger(String subprojects, String kind) {
    return jdbc.queryForObject("SELECT COALESCE(SUM(l.amount), 0) FROM ledger_entry l JOIN subproject s"
        + " ON s.code = l.subproject_code WHERE l.kind = ? AND " + subprojects, Long.class, kind);
  }

  private long sum(String table, String expression, String where) {
    return jdbc.queryForObject("SELECT COALESCE(SUM(" + expression + "), 0) FROM " + table + " WHERE " + where,
        Long.class);
  }

  /**
   * The sums against what was generated; the money still committed and the average score
   * against the generator's own tally (the mean of the scores it wrote, to one decimal).
   */
  private static void assertFigures(JsonNode actual, Figures expected, Tally byHand, String what) {
    assertSums(figures(actual), expected, what);
    assertThat(actual.get("remaining").asLong()).as(what + " remaining").isEqualTo(byHand.committedLeft());
    JsonNode average = actual.path("averageScore");
    if (byHand.meanScore() == null) {
      assertThat(average.isNull() || average.isMissingNode()).as(what + " no average score: " + average).isTrue();
    } else {
      assertThat(average.isNumber()).as(what + " average score: " + average).isTrue();
      assertThat(average.asDouble()).as(what + " average score").isCloseTo(byHand.meanScore(), within(0.05 + 1e-9));
      assertThat(average.asDouble() * 10).as(what + " average score to one decimal")
          .isCloseTo(Math.rint(average.asDouble() * 10), within(1e-6));
    }
  }

  private static void assertSums(Figures figures, Figures expected, String what) {
    // (francs: the tests of the rate set one for a cycle of the data set; they check them against the ledger)
    assertThat(figures).as(what).usingRecursiveComparison().ignoringFields("scoreSum", "chf").isEqualTo(expected);
    assertThat(figures.scoreSum()).as(what + " score sum").isCloseTo(expected.scoreSum(), within(1e-6));
  }

  private static Figures figures(JsonNode node) {
    ObjectNode sums = ((ObjectNode) node.deepCopy()).without(DERIVED);
    ((ObjectNode) sums.get("outputs")).remove(DERIVED_PER_UNIT);
    ((ObjectNode) sums.get("chf")).remove("remaining");
    return JSON.convertValue(sums, Figures.class);
  }

  private static void assertField(HttpResponse<String> response, String field) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json(response).at("/errors/0/field").asText()).isEqualTo(field);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
    return JSON.readTree(response.body());
  }
}
