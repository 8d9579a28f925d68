package org.pcm2.grants.reporting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every sub-project of a cut of the portfolio, one line each, as a sheet for Excel: the same
 * filters and the same limits as the portfolio report (DWC everything, a commune's leader their
 * commune), money from the ledger and the rest from the read model, as the report takes them,
 * so that the last line's totals are the report's for the same filter.
 */
@Service
public class SubprojectSheet {

  /** One sub-project and its figures. */
  public record Row(String code, String title, String provinceCode, String provinceName, String districtCode,
      String districtName, String communeCode, String communeName, String fundCode, String cycleCode,
      String stage, long requested, long approved, long released, long disbursed, long contributionPlanned,
      Long contributionMobilised, long beneficiariesWomen, long beneficiariesMen, Integer womenReached,
      Integer menReached, Integer studentsGirls, Integer studentsBoys, Double evaluationScore, String sectorName,
      String unit, Long outputPlanned, Long outputAchieved, Integer studentsGirlsReached, Integer studentsBoysReached,
      String maintenanceGroup, Long maintenanceFund, Long costPerUnit, Long sectorMedian, String outlier,
      BigDecimal chfRate, BigDecimal approvedChf, BigDecimal disbursedChf) {
  }

  private record Column(String header, Function<Row, Object> value, boolean summed) {
  }

  private static final List<Column> COLUMNS = List.of(
      new Column(Texts.both("reporting.sheet.code"), Row::code, false),
      new Column(Texts.both("reporting.sheet.title"), Row::title, false),
      new Column(Texts.both("reporting.sheet.province"), Row::provinceName, false),
      new Column(Texts.both("reporting.sheet.district"), Row::districtName, false),
      new Column(Texts.both("reporting.sheet.commune") + " (" + Texts.both("reporting.code") + ")", Row::communeCode,
          false),
      new Column(Texts.both("reporting.sheet.commune"), Row::communeName, false),
      new Column(Texts.both("reporting.sheet.fund"), Row::fundCode, false),
      new Column(Texts.both("reporting.sheet.cycle"), Row::cycleCode, false),
      new Column(Texts.both("reporting.sheet.stage"), row -> Texts.vietnamese("stage." + row.stage()), false),
      new Column(Texts.both("reporting.column.requested"), Row::requested, true),
      new Column(Texts.both("reporting.column.approved"), Row::approved, true),
      new Column(Texts.both("reporting.column.disbursed"), Row::disbursed, true),
      new Column(Texts.both("reporting.column.released"), Row::released, true),
      new Column(Texts.both("reporting.column.contributionPlanned"), Row::contributionPlanned, true),
      new Column(Texts.both("reporting.column.contributionMobilised"), Row::contributionMobilised, true),
      new Column(Texts.both("reporting.column.beneficiariesWomen"), Row::beneficiariesWomen, true),
      new Column(Texts.both("reporting.column.beneficiariesMen"), Row::beneficiariesMen, true),
      new Column(Texts.both("reporting.column.womenReached"), Row::womenReached, true),
      new Column(Texts.both("reporting.column.menReached"), Row::menReached, true),
      new Column(Texts.both("reporting.column.studentsGirls"), Row::studentsGirls, true),
      new Column(Texts.both("reporting.column.studentsBoys"), Row::studentsBoys, true),
      new Column(Texts.both("reporting.column.studentsGirlsReached"), Row::studentsGirlsReached, true),
      new Column(Texts.both("reporting.column.studentsBoysReached"), Row::studentsBoysReached, true),
      new Column(Texts.both("reporting.sheet.score"), Row::evaluationScore, false),
      new Column(Texts.both("reporting.sheet.sector"), Row::sectorName, false),
      // outputs are in each sector's own unit: not added up across the sheet
      new Column(Texts.both("reporting.sheet.unit"), Row::unit, false),
      new Column(Texts.both("reporting.column.outputPlanned"), Row::outputPlanned, false),
      new Column(Texts.both("reporting.column.outputAchieved"), Row::outputAchieved, false),
      new Column(Texts.both("reporting.sheet.costPerUnit"), Row::costPerUnit, false),
      new Column(Texts.both("reporting.sheet.sectorMedian"), Row::sectorMedian, false),
      new Column(Texts.both("reporting.sheet.outlier"), Row::outlier, false),
      new Column(Texts.both("reporting.sheet.maintenanceGroup"), Row::maintenanceGroup, false),
      new Column(Texts.both("reporting.sheet.maintenanceFund"), Row::maintenanceFund, true),
      new Column(Texts.both("reporting.sheet.chfRate"), Row::chfRate, false),
      new Column(Texts.both("reporting.sheet.approvedChf"), Row::approvedChf, true),
      new Column(Texts.both("reporting.sheet.disbursedChf"), Row::disbursedChf, true));

  private final JdbcClient jdbc;
  private final PortfolioReport report;
  private final CostPerUnit costs;

  public SubprojectSheet(JdbcClient jdbc, PortfolioReport report, CostPerUnit costs) {
    this.jdbc = jdbc;
    this.report = report;
    this.costs = costs;
  }

  /** The sub-projects of the cut the viewer may see, by code. */
  @Transactional(readOnly = true)
  public List<Row> rows(Viewer viewer, PortfolioQuery asked) {
    PortfolioQuery query = PortfolioReport.scope(viewer, asked);
    report.checkCodes(query);
    Map<String, Object> params = new LinkedHashMap<>();
    String where = PortfolioReport.subprojectConditions(query, viewer, params);
    Map<String, Double> medians = costs.medians();
    return jdbc.sql("""
        SELECT s.code, s.title, s.province_code, np.name AS province_name, s.district_code, nd.name AS district_name,
               s.commune_code, COALESCE(nc.name, s.commune_name) AS commune_name, s.fund_code, s.cycle_code, s.stage,
               COALESCE(s.requested_grant, 0) AS requested,
               COALESCE(l.approved, 0) AS approved, COALESCE(l.released, 0) AS released,
               COALESCE(l.disbursed, 0) AS disbursed,
               COALESCE(s.contribution_planned, 0) AS contribution_planned, s.contribution_mobilised,
               COALESCE(s.beneficiaries_women, 0) AS women, COALESCE(s.beneficiaries_men, 0) AS men,
               s.women_reached, s.men_reached, s.students_girls, s.students_boys, s.evaluation_score,
               s.sector_code, sec.name_vi || ' / ' || sec.name_en AS sector_name,
               sec.unit_vi || ' / ' || sec.unit_en AS unit, s.output_planned, s.output_achieved,
               s.students_girls_reached, s.students_boys_reached, s.maintenance_group, s.maintenance_fund,
               ROUND(%s) AS cost_per_unit, fc.chf_rate,
               ROUND(COALESCE(l.approved, 0) / fc.chf_rate, 2) AS approved_chf,
               ROUND(COALESCE(l.disbursed, 0) / fc.chf_rate, 2) AS disbursed_chf
        FROM subproject s
        LEFT JOIN (
            SELECT subproject_code,
                   SUM(CASE WHEN kind = 'COMMIT' THEN amount ELSE 0 END) AS approved,
                   SUM(CASE WHEN kind = 'RELEASE' THEN amount ELSE 0 END) AS released,
                   SUM(CASE WHEN kind = 'DISBURSE' THEN amount ELSE 0 END) AS disbursed
            FROM ledger_entry
            WHERE kind IN ('COMMIT', 'RELEASE', 'DISBURSE') AND %s
            GROUP BY subproject_code
        ) l ON l.subproject_code = s.code
        LEFT JOIN place np ON np.code = s.province_code
        LEFT JOIN place nd ON nd.code = s.district_code
        LEFT JOIN place nc ON nc.code = s.commune_code
        LEFT JOIN sector sec ON sec.code = s.sector_code
        LEFT JOIN funding_cycle fc ON fc.code = s.cycle_code
        WHERE %s
        ORDER BY s.code
        """.formatted(CostPerUnit.COST, query.hasPeriod()
            ? "recorded_at >= :periodStart AND recorded_at < :periodEnd" : "1 = 1", where)).params(params).query((rs, i) -> row(rs, medians)).list();
  }

  /**
   * The sheet as CSV (UTF-8 with a byte order mark, {@code ;} or {@code ,}), as the portfolio's:
   * text from people and the directory goes through {@link SpreadsheetText}, figures are numbers,
   * and a last line totals each summed column.
   */
  public static void writeCsv(List<Row> rows, char separator, OutputStream out) throws IOException {
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVFormat format = CSVFormat.EXCEL.builder().setDelimiter(separator)
        .setHeader(COLUMNS.stream().map(column -> SpreadsheetText.cell(column.header())).toArray(String[]::new)).get();
    try (CSVPrinter printer = new CSVPrinter(writer, format)) {
      for (Row row : rows) {
        List<Object> record = new ArrayList<>();
        COLUMNS.forEach(column -> record.add(PortfolioCsv.cell(column.value().apply(row), separator)));
        printer.printRecord(record);
      }
      List<Object> total = new ArrayList<>();
      for (Column column : COLUMNS) {
        if (total.isEmpty()) {
          total.add(Texts.both("reporting.total") + " (" + rows.size() + ")");
        } else if (column.summed()) {
          List<Object> values = rows.stream().map(column.value()).filter(v -> v != null).toList();
          total.add(values.stream().anyMatch(BigDecimal.class::isInstance)
              ? PortfolioCsv.cell(values.stream().map(BigDecimal.class::cast).reduce(BigDecimal.ZERO.setScale(2),
                  BigDecimal::add), separator)
              : values.stream().mapToLong(v -> ((Number) v).longValue()).sum());
        } else {
          total.add("");
        }
      }
      printer.printRecord(total);
    }
  }

  /**
   * The sheet as an Excel workbook: one header row (bold, kept in view), one row a sub-project
   * and a last row of totals, as the CSV; figures are number cells and text is text cells (which
   * Excel never takes for a formula). Written a hundred rows at a time, so that a national sheet
   * never sits whole in memory.
   */
  public static void writeXlsx(List<Row> rows, OutputStream out) throws IOException {
    SXSSFWorkbook workbook = new SXSSFWorkbook(100);
    try {
      Sheet sheet = workbook.createSheet(Texts.vietnamese("reporting.sheet.name"));
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      bold.setWrapText(true);
      CellStyle whole = workbook.createCellStyle();
      whole.setDataFormat(workbook.createDataFormat().getFormat("#,##0"));
      CellStyle decimal = workbook.createCellStyle();
      decimal.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
      org.apache.poi.ss.usermodel.Row header = sheet.createRow(0);
      for (int c = 0; c < COLUMNS.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(COLUMNS.get(c).header());
        cell.setCellStyle(bold);
        sheet.setColumnWidth(c, 18 * 256);
      }
      sheet.createFreezePane(1, 1);
      int r = 1;
      for (Row row : rows) {
        org.apache.poi.ss.usermodel.Row line = sheet.createRow(r++);
        for (int c = 0; c < COLUMNS.size(); c++) {
          write(line.createCell(c), COLUMNS.get(c).value().apply(row), whole, decimal);
        }
      }
      org.apache.poi.ss.usermodel.Row total = sheet.createRow(r);
      for (int c = 0; c < COLUMNS.size(); c++) {
        Column column = COLUMNS.get(c);
        Cell cell = total.createCell(c);
        if (c == 0) {
          cell.setCellValue(Texts.both("reporting.total") + " (" + rows.size() + ")");
        } else if (column.summed()) {
          List<Object> values = rows.stream().map(column.value()).filter(v -> v != null).toList();
          write(cell, values.stream().anyMatch(BigDecimal.class::isInstance)
              ? values.stream().map(BigDecimal.class::cast).reduce(BigDecimal.ZERO, BigDecimal::add)
              : values.stream().mapToLong(v -> ((Number) v).longValue()).sum(), whole, decimal);
        }
        cell.setCellStyle(bold);
      }
      workbook.write(out);
    } finally {
      workbook.close(); // removes the temporary files of the rows already written
    }
  }

  private static void write(Cell cell, Object value, CellStyle whole, CellStyle decimal) {
    if (value == null) {
      return;
    }
    if (value instanceof BigDecimal || value instanceof Double) {
      cell.setCellValue(((Number) value).doubleValue());
      cell.setCellStyle(decimal);
    } else if (value instanceof Number number) {
      cell.setCellValue(number.doubleValue());
      cell.setCellStyle(whole);
    } else {
      cell.setCellValue(value.toString());
    }
  }

  private static Row row(ResultSet rs, Map<String, Double> medians) throws SQLException {
    Long cost = rs.getObject("cost_per_unit") == null ? null : rs.getLong("cost_per_unit");
    Double median = medians.get(rs.getString("sector_code"));
    return new Row(rs.getString("code"), rs.getString("title"), rs.getString("province_code"),
        rs.getString("province_name"), rs.getString("district_code"), rs.getString("district_name"),
        rs.getString("commune_code"), rs.getString("commune_name"), rs.getString("fund_code"),
        rs.getString("cycle_code"), rs.getString("stage"), rs.getLong("requested"), rs.getLong("approved"),
        rs.getLong("released"), rs.getLong("disbursed"), rs.getLong("contribution_planned"),
        rs.getObject("contribution_mobilised", Long.class), rs.getLong("women"), rs.getLong("men"),
        rs.getObject("women_reached", Integer.class), rs.getObject("men_reached", Integer.class),
        rs.getObject("students_girls", Integer.class), rs.getObject("students_boys", Integer.class),
        rs.getObject("evaluation_score", Double.class), rs.getString("sector_name"), rs.getString("unit"),
        rs.getObject("output_planned", Long.class), rs.getObject("output_achieved", Long.class),
        rs.getObject("students_girls_reached", Integer.class), rs.getObject("students_boys_reached", Integer.class),
        rs.getString("maintenance_group"), rs.getObject("maintenance_fund", Long.class), cost,
        median == null ? null : Math.round(median), CostPerUnit.flag(rs.getString("stage"), cost, median),
        rs.getBigDecimal("chf_rate"),
        rs.getBigDecimal("approved_chf"), rs.getBigDecimal("disbursed_chf"));
  }
}
