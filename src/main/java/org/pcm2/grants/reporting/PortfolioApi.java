package org.pcm2.grants.reporting;

import org.pcm2.grants.access.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The portfolio report as JSON ({@code /api/reports/portfolio}) and as CSV, on the API (HTTP
 * Basic) and beside the dashboard ({@code /reports/portfolio.csv}, the webapps' sign-in).
 */
@RestController
@Tag(name = "reports", description = "Báo cáo / Reports")
class PortfolioApi {

  private final PortfolioReport report;
  private final SubprojectSheet sheet;
  private final CostPerUnit costs;

  PortfolioApi(PortfolioReport report, SubprojectSheet sheet, CostPerUnit costs) {
    this.report = report;
    this.sheet = sheet;
    this.costs = costs;
  }

  @GetMapping("/api/reports/portfolio")
  @Operation(summary = "Báo cáo danh mục tiểu dự án (DWC: tất cả; lãnh đạo xã: xã mình) / Portfolio report")
  Portfolio portfolio(@ParameterObject PortfolioFilter filter, @RequestParam(required = false) String groupBy,
      Authentication user) {
    return report.report(Viewer.of(user), filter.query(groupBy));
  }

  @GetMapping("/api/reports/cost-outliers")
  @Operation(summary = "Tiểu dự án có chi phí/đơn vị khác xa trung vị của lĩnh vực (DWC: tất cả; lãnh đạo xã: xã mình) "
      + "/ Sub-projects whose cost per unit is far from their sector's median",
      description = "Chi phí/đơn vị = (vốn đề nghị + đối ứng dự kiến) / kết quả dự kiến; khác xa là trên 2 lần hoặc dưới "
          + "1/2 trung vị của lĩnh vực trên toàn chương trình (lĩnh vực có từ 5 tiểu dự án) / Cost per unit = (grant "
          + "requested + planned contribution) / output planned; far means above twice or below half the sector's "
          + "median over the whole programme (sectors with 5 sub-projects or more)")
  java.util.List<CostPerUnit.Outlier> costOutliers(@ParameterObject PortfolioFilter filter, Authentication user) {
    return costs.outliers(Viewer.of(user), filter.query(null));
  }

  @GetMapping({"/api/reports/portfolio.csv", "/reports/portfolio.csv"})
  @Operation(summary = "Báo cáo danh mục dạng CSV cho Excel (UTF-8, ; hoặc ,) / Portfolio report as CSV for Excel",
      responses = @ApiResponse(responseCode = "200", description = "Tệp CSV / The CSV file",
          content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
  void portfolioCsv(@ParameterObject PortfolioFilter filter, @RequestParam(required = false) String groupBy,
      @RequestParam(required = false) String separator, Authentication user, HttpServletResponse response)
      throws IOException {
    char delimiter = PortfolioCsv.separator(separator);
    Portfolio portfolio = report.report(Viewer.of(user), filter.query(groupBy));
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("bao-cao-danh-muc-" + LocalDate.now() + ".csv").build().toString());
    PortfolioCsv.write(portfolio, delimiter, response.getOutputStream());
  }

  @GetMapping({"/api/reports/subprojects.csv", "/reports/subprojects.csv"})
  @Operation(summary = "Mọi tiểu dự án của một phần danh mục, mỗi dòng một tiểu dự án, dạng CSV cho Excel; dòng cuối "
      + "là tổng, bằng báo cáo danh mục cùng bộ lọc / Every sub-project of a cut of the portfolio, one a line, as CSV "
      + "for Excel; the last line totals them, as the portfolio report for the same filter",
      responses = @ApiResponse(responseCode = "200", description = "Tệp CSV / The CSV file",
          content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
  void subprojectsCsv(@ParameterObject PortfolioFilter filter, @RequestParam(required = false) String separator,
      Authentication user, HttpServletResponse response) throws IOException {
    char delimiter = PortfolioCsv.separator(separator);
    var rows = sheet.rows(Viewer.of(user), filter.query(null));
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("tieu-du-an-" + LocalDate.now() + ".csv").build().toString());
    SubprojectSheet.writeCsv(rows, delimiter, response.getOutputStream());
  }

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @GetMapping({"/api/reports/subprojects.xlsx", "/reports/subprojects.xlsx"})
  @Operation(summary = "Mọi tiểu dự án của một phần danh mục dạng bảng tính Excel (.xlsx), như bản CSV / Every "
      + "sub-project of a cut of the portfolio as an Excel workbook (.xlsx), as the CSV",
      responses = @ApiResponse(responseCode = "200", description = "Tệp Excel / The Excel workbook",
          content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary"))))
  void subprojectsXlsx(@ParameterObject PortfolioFilter filter, Authentication user, HttpServletResponse response)
      throws IOException {
    var rows = sheet.rows(Viewer.of(user), filter.query(null));
    response.setContentType(XLSX);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("tieu-du-an-" + LocalDate.now() + ".xlsx").build().toString());
    SubprojectSheet.writeXlsx(rows, response.getOutputStream());
  }
}
