package org.pcm2.grants.reporting;

import org.pcm2.grants.grantcycle.Stage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.reporting.Portfolio.Figures;
import org.pcm2.grants.reporting.Portfolio.Line;
import org.pcm2.grants.reporting.Portfolio.Named;
import org.pcm2.grants.reporting.PortfolioQuery.Dimension;

/** Text that a spreadsheet would run as a formula is written as text; figures stay numbers. */
class PortfolioCsvTest {

  @Test
  void textThatASpreadsheetWouldRunIsWrittenAsText() {
    assertThat(SpreadsheetText.cell("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(SpreadsheetText.cell("+84 912")).isEqualTo("'+84 912");
    assertThat(SpreadsheetText.cell("-2+3")).isEqualTo("'-2+3");
    assertThat(SpreadsheetText.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(SpreadsheetText.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(SpreadsheetText.cell("\r=1")).isEqualTo("'\r=1");
    assertThat(SpreadsheetText.cell("Xã Hoàng Nông")).isEqualTo("Xã Hoàng Nông");
    assertThat(SpreadsheetText.cell("a=b")).isEqualTo("a=b");
    assertThat(SpreadsheetText.cell("")).isEmpty();
    assertThat(SpreadsheetText.cell(null)).isEmpty();
  }

  @Test
  void namesFromTheDirectoryAreNeutralisedAndNegativeFiguresStayNumbers() throws IOException {
    // more released and paid than approved: "remaining" is negative, a number the report computed
    Figures figures = new Figures(1, new EnumMap<>(Stage.class), 20_000_000, 10_000_000, 4_000_000, 7_500_000, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4, Portfolio.Outputs.NONE, Portfolio.Chf.NONE);
    PortfolioQuery query = new PortfolioQuery(null, null, null, null, null, null, List.of(Dimension.COMMUNE));
    Line line = new Line(Map.of("commune", new Named("-05740", "=HYPERLINK(\"http://evil.example\",\"Xã\")")),
        figures);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    PortfolioCsv.write(new Portfolio(query, List.of(line), figures), ';', out);

    String text = out.toString(StandardCharsets.UTF_8).substring(1); // after the byte order mark
    List<CSVRecord> records = CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(text))
        .getRecords();
    CSVRecord header = records.get(0);
    CSVRecord row = records.get(1);
    assertThat(row.get(0)).isEqualTo("'-05740");
    assertThat(row.get(1)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"Xã\")");
    int remaining = header.toList().indexOf("Còn phải chi (₫) / Remaining");
    assertThat(row.get(remaining)).isEqualTo("-1500000");
    assertThat(records.get(2).get(remaining)).isEqualTo("-1500000");
    assertThat(records).allSatisfy(record -> record.forEach(cell ->
        assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@")));
  }
}
