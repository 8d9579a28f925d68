package org.pcm2.grants.reporting;

import org.pcm2.grants.grantcycle.Stage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.pcm2.grants.reporting.Portfolio.Figures;
import org.pcm2.grants.reporting.PortfolioQuery.Dimension;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;

/**
 * The portfolio as a CSV file that Excel opens with its Vietnamese intact: UTF-8 with a
 * byte order mark, {@code ;} (Excel's separator where the decimal mark is a comma, as in
 * Vietnam; decimals then written 12,5) or {@code ,} (decimals 12.5), one line a group and a
 * last line of totals. Codes and names are text from the directory and go through
 * {@link SpreadsheetText}; figures are numbers the report computes and are written as numbers.
 */
public final class PortfolioCsv {

  private record Column(String header, Function<Figures, Object> value) {
  }

  private static final List<Column> FIGURES = new ArrayList<>();

  static {
    FIGURES.add(new Column(Texts.both("reporting.column.subprojects"), Figures::subprojects));
    for (Stage stage : Stage.values()) {
      FIGURES.add(new Column(Texts.vietnamese("stage." + stage.name()) + " / " + stage.name(), f -> f.stages().get(stage)));
    }
    FIGURES.add(new Column(Texts.both("reporting.column.requested"), Figures::requested));
    FIGURES.add(new Column(Texts.both("reporting.column.approved"), Figures::approved));
    FIGURES.add(new Column(Texts.both("reporting.column.disbursed"), Figures::disbursed));
    FIGURES.add(new Column(Texts.both("reporting.column.released"), Figures::released));
    FIGURES.add(new Column(Texts.both("reporting.column.remaining"), Figures::remaining));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionPlanned"), Figures::contributionPlanned));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionCash"), Figures::contributionCash));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionLabour"), Figures::contributionLabour));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionMaterials"), Figures::contributionMaterials));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionSharePlanned"), Figures::contributionSharePlanned));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionMobilised"), Figures::contributionMobilised));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionShareMobilised"), Figures::contributionShareMobilised));
    FIGURES.add(new Column(Texts.both("reporting.column.beneficiariesWomen"), Figures::beneficiariesWomen));
    FIGURES.add(new Column(Texts.both("reporting.column.beneficiariesMen"), Figures::beneficiariesMen));
    FIGURES.add(new Column(Texts.both("reporting.column.beneficiariesPoor"), Figures::beneficiariesPoor));
    FIGURES.add(new Column(Texts.both("reporting.column.beneficiariesEthnicMinority"), Figures::beneficiariesEthnicMinority));
    FIGURES.add(new Column(Texts.both("reporting.column.womenReached"), Figures::womenReached));
    FIGURES.add(new Column(Texts.both("reporting.column.menReached"), Figures::menReached));
    FIGURES.add(new Column(Texts.both("reporting.column.studentsGirls"), Figures::studentsGirls));
    FIGURES.add(new Column(Texts.both("reporting.column.studentsBoys"), Figures::studentsBoys));
    FIGURES.add(new Column(Texts.both("reporting.column.studentsGirlsReached"), f -> f.outputs().studentsGirlsReached()));
    FIGURES.add(new Column(Texts.both("reporting.column.studentsBoysReached"), f -> f.outputs().studentsBoysReached()));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionMobilisedOfPlanned"),
        Figures::contributionMobilisedOfPlanned));
    // outputs and costs per unit within one sector only: empty where a line holds several
    FIGURES.add(new Column(Texts.both("reporting.sheet.unit"), f -> f.outputs().outputUnit()));
    FIGURES.add(new Column(Texts.both("reporting.column.outputPlanned"),
        f -> f.outputs().outputUnit() == null ? null : f.outputs().outputPlanned()));
    FIGURES.add(new Column(Texts.both("reporting.column.outputAchieved"),
        f -> f.outputs().outputUnit() == null ? null : f.outputs().outputAchieved()));
    FIGURES.add(new Column(Texts.both("reporting.column.grantPerUnitPlanned"), f -> f.outputs().grantPerUnitPlanned()));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionPerUnitPlanned"),
        f -> f.outputs().contributionPerUnitPlanned()));
    FIGURES.add(new Column(Texts.both("reporting.column.grantPerUnitAchieved"), f -> f.outputs().grantPerUnitAchieved()));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionPerUnitAchieved"),
        f -> f.outputs().contributionPerUnitAchieved()));
    FIGURES.add(new Column(Texts.both("reporting.column.averageScore"), Figures::averageScore));
    FIGURES.add(new Column(Texts.both("reporting.column.costPerBeneficiaryPlanned"), Figures::costPerBeneficiaryPlanned));
    FIGURES.add(new Column(Texts.both("reporting.column.costPerBeneficiaryReached"), Figures::costPerBeneficiaryReached));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionPerBeneficiaryReached"),
        Figures::contributionPerBeneficiaryReached));
    FIGURES.add(new Column(Texts.both("reporting.column.requestedChf"), f -> f.chf().requested()));
    FIGURES.add(new Column(Texts.both("reporting.column.approvedChf"), f -> f.chf().approved()));
    FIGURES.add(new Column(Texts.both("reporting.column.disbursedChf"), f -> f.chf().disbursed()));
    FIGURES.add(new Column(Texts.both("reporting.column.remainingChf"), f -> f.chf().remaining()));
    FIGURES.add(new Column(Texts.both("reporting.column.contributionMobilisedChf"),
        f -> f.chf().contributionMobilised()));
    FIGURES.add(new Column(Texts.both("reporting.column.withoutChfRate"), f -> f.chf().subprojectsWithoutRate()));
    FIGURES.add(new Column(Texts.both("reporting.column.awards"), Figures::awards));
    FIGURES.add(new Column(Texts.both("reporting.column.awarded"), Figures::awarded));
    FIGURES.add(new Column(Texts.both("reporting.column.awardPaid"), Figures::awardPaid));
  }

  private PortfolioCsv() {
  }

  /** The separator asked for: {@code ;} when none is given. */
  public static char separator(String asked) {
    if (asked == null || asked.isBlank() || asked.equals(";") || asked.equalsIgnoreCase("semicolon")) {
      return ';';
    }
    if (asked.equals(",") || asked.equalsIgnoreCase("comma")) {
      return ',';
    }
    throw new InvalidInputException(List.of(new FieldError("separator",
        Texts.both("reporting.separator", asked))));
  }

  public static void write(Portfolio portfolio, char separator, OutputStream out) throws IOException {
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    List<String> headers = new ArrayList<>();
    for (Dimension dimension : portfolio.query().groupBy()) {
      headers.add(SpreadsheetText.cell(dimension.label() + " (" + Texts.both("reporting.code") + ")"));
      headers.add(SpreadsheetText.cell(dimension.label()));
    }
    FIGURES.forEach(column -> headers.add(SpreadsheetText.cell(column.header())));
    CSVFormat format = CSVFormat.EXCEL.builder().setDelimiter(separator).setHeader(headers.toArray(String[]::new))
        .get();
    try (CSVPrinter printer = new CSVPrinter(writer, format)) {
      for (Portfolio.Line line : portfolio.lines()) {
        List<Object> record = new ArrayList<>();
        for (Dimension dimension : portfolio.query().groupBy()) {
          Portfolio.Named named = line.group().get(dimension.key());
          record.add(SpreadsheetText.cell(named.code()));
          record.add(SpreadsheetText.cell(named.name()));
        }
        FIGURES.forEach(column -> record.add(cell(column.value().apply(line.figures()), separator)));
        printer.printRecord(record);
      }
      List<Object> total = new ArrayList<>();
      for (int i = 0; i < portfolio.query().groupBy().size(); i++) {
        total.add(i == 0 ? Texts.both("reporting.total") : "");
        total.add("");
      }
      FIGURES.forEach(column -> total.add(cell(column.value().apply(portfolio.total()), separator)));
      printer.printRecord(total);
    }
  }

  /** A figure: a number the report computed (never text from a person), so never taken for a formula. */
  static Object cell(Object value, char separator) {
    if (value instanceof Double || value instanceof java.math.BigDecimal) {
      String text = value instanceof java.math.BigDecimal exact ? exact.toPlainString() : value.toString();
      return separator == ';' ? text.replace('.', ',') : text;
    }
    if (value == null || value instanceof Number) {
      return value == null ? "" : value;
    }
    return SpreadsheetText.cell(value.toString());
  }
}
