package org.pcm2.grants.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.TestFiles;
import org.pcm2.grants.support.TasklistBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole first tranche through the Tasklist in headless Chromium, in Vietnamese, each
 * person in their own browser: the facilitator fills the start form, the commune's leader
 * finds the proposal in the commune filter and endorses it, the DWC officer approves,
 * finance records the payment, the facilitator confirms receipt; while the proposal waits
 * for its commune, a leader of another commune finds their own commune's proposal in the
 * same filter and not this one. Screenshots of every step: {@code target/screenshots/}.
 */
class TasklistBrowserIT extends PostgresIntegrationTest {

  private static final String TITLE = "Nhà văn hóa xóm Hợp Thành: sửa mái";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  @BeforeAll
  static void chromiumFromDebian() {
    TasklistBrowser.requireInstalled();
  }

  @Test
  void firstTrancheOfAProposalThroughTheTasklist() {
    String base = "http://localhost:" + port;
    try (TasklistBrowser facilitator = new TasklistBrowser(base).login("facilitator1")) {
      assertThat(facilitator.text()).contains("Việc của tôi", "Bắt đầu quy trình");
      facilitator.screenshot("01-facilitator-tasklist");
      facilitator.startProcess("Chu trình tài trợ tiểu dự án");
      facilitator.press("Bắt đầu");
      facilitator.waitForText("Bắt buộc nhập. / Field is required.");
      assertThat(facilitator.text()).doesNotContain("Quy trình đã được bắt đầu.");
      facilitator.screenshot("02a-facilitator-start-form-refused-empty");
      // form-js, once a send was refused, drops the first click after a field is left: start afresh
      facilitator.closeDialog();
      facilitator.startProcess("Chu trình tài trợ tiểu dự án");
      assertThat(facilitator.text()).contains("Chọn / Select");
      facilitator.fill("title", TITLE);
      facilitator.select("fundCode", "Quỹ quản lý cộng đồng");
      facilitator.fill("cycleCode", "CM-2026-1");
      facilitator.fill("groupCode", "CBG0574003");
      facilitator.select("sectorCode", "Đường giao thông");
      facilitator.fill("outputPlanned", "250");
      facilitator.fill("objectives", "Mái nhà văn hóa không còn dột trước mùa mưa");
      facilitator.fill("activities", "Họp dân, mua tôn, thay mái, nghiệm thu");
      facilitator.fill("requestedGrant", "14000000");
      facilitator.waitForText("= 14.000.000 ₫");
      facilitator.fill("contributionCash", "2000000");
      facilitator.fill("contributionLabour", "2500000");
      facilitator.date("plannedStart", LocalDate.now().plusDays(10));
      facilitator.date("plannedEnd", LocalDate.now().plusMonths(3));
      facilitator.fill("beneficiariesWomen", "46");
      facilitator.fill("beneficiariesMen", "41");
      // the minutes of the meeting, chosen in the start form: held until the proposal has its code
      assertThat(facilitator.attach("minutesFiles", minutesFile())).startsWith("✓ Biên bản họp xóm.pdf");
      assertThat(facilitator.value("minutesFiles")).matches("\\d+");
      facilitator.screenshot("02-facilitator-start-form-filled");
      facilitator.press("Bắt đầu");
      facilitator.waitForText("Quy trình đã được bắt đầu.");
      facilitator.screenshot("03-facilitator-started");
    }
    String code = jdbc.sql("SELECT code FROM subproject WHERE title = ?").param(TITLE).query(String.class).single();
    // the minutes chosen in the start form are the sub-project's, and listed in the leader's form
    assertThat(jdbc.sql("SELECT kind || ':' || file_name FROM attachment WHERE subproject_code = ?").param(code)
        .query(String.class).list()).containsExactly("MINUTES:Biên bản họp xóm.pdf");

    // while the review is open: leader3 (La Bằng) sees La Bằng's proposal in the list, not Hoàng Nông's
    String ownCode = submit(base, "CBG0574301", "Mương nội đồng xóm Bãi Bằng");
    for (String filter : List.of("Việc chờ xã tôi", "Việc chờ nhóm của tôi")) {
      try (TasklistBrowser outsider = new TasklistBrowser(base).login("leader3")) { // a fresh list each time
        List<String> cards = outsider.openFilterShowing(filter, ownCode);
        outsider.screenshot("04b-other-commune-leader-" + (filter.contains("xã") ? "commune" : "groups"));
        assertThat(cards).as(filter).noneMatch(card -> card.contains(code)).noneMatch(card -> card.contains(TITLE));
        assertThat(outsider.text()).as(filter).doesNotContain(code).doesNotContain(TITLE);
      }
    }

    try (TasklistBrowser leader = new TasklistBrowser(base).login("leader1")) {
      leader.openFilter("Việc chờ xã tôi");
      leader.waitForText(code);
      leader.openTask("Xã xem xét đề xuất", code);
      assertThat(leader.text()).contains(TITLE, "Xã Hoàng Nông", "14.000.000", "₫");
      assertThat(leader.dateShown("plannedStart")).matches("\\d{2}/\\d{2}/\\d{4}")
          .isEqualTo(LocalDate.now().plusDays(10).format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
      assertThat(leader.value("attachmentList")).startsWith("• Biên bản họp: Biên bản họp xóm.pdf");
      leader.show("requestedGrant");
      leader.screenshot("04a-leader-review-amounts-and-dates");
      leader.choose("Nhất trí đề xuất");
      leader.fill("reviewComment", "Xã nhất trí, dân đã họp bàn");
      leader.screenshot("04-leader-review");
      leader.complete();
    }

    try (TasklistBrowser officer = new TasklistBrowser(base).login("officer1")) {
      officer.openFilter("Chờ duyệt");
      officer.waitForText(code);
      officer.openTask("DWC thẩm định đề xuất", code);
      officer.choose("Duyệt (Approve)");
      officer.fill("approvedGrant", "14000000");
      officer.fill("appraisalComment", "Phù hợp mục tiêu của quỹ");
      officer.screenshot("05-officer-appraisal");
      officer.complete();
    }

    try (TasklistBrowser finance = new TasklistBrowser(base).login("finance1")) {
      finance.openFilter("Khoản cần chi");
      finance.waitForText(code);
      finance.openTask("Kế toán ghi nhận chuyển tiền", code);
      finance.fill("paymentReference", "UNC-2026-1128");
      finance.date("paymentDate", LocalDate.now());
      finance.screenshot("06-finance-disbursement");
      finance.complete();
    }

    try (TasklistBrowser facilitator = new TasklistBrowser(base).login("facilitator1")) {
      facilitator.openFilter("Việc của tôi");
      facilitator.waitForText(code);
      facilitator.openTask("Xác nhận đã nhận tiền", code);
      facilitator.date("receiptDate", LocalDate.now());
      facilitator.screenshot("07-facilitator-receipt");
      facilitator.complete();
    }


    try (TasklistBrowser officer = new TasklistBrowser(base).login("officer1")) {
      // the dashboard opens with the Tasklist's sign-in, and counts the tranche just paid
      officer.open("/reports/portfolio?cycle=CM-2026-1&groupBy=commune");
      officer.waitFor("#charts[data-drawn='true']");
      assertThat(officer.text()).contains("Báo cáo danh mục tiểu dự án", "Xã Hoàng Nông", "Tổng cộng / Total",
          "14.000.000");
      String csv = officer.fetch(officer.waitFor("#csv-semicolon").getAttribute("href"));
      assertThat(csv).startsWith("200 text/csv").contains("Xã / Commune;", "Xã Hoàng Nông;", "Tổng cộng / Total");
      officer.fullScreenshot("09-officer-dashboard");

      // the sector cut: the path just approved counts among the roads, in metres, and the cost chart names the unit
      officer.open("/reports/portfolio?cycle=CM-2026-1&sector=ROADS&groupBy=sector");
      officer.waitFor("#charts[data-drawn='true']");
      List<String> roads = officer.texts("#sector-cut tbody tr");
      assertThat(roads).hasSize(1);
      assertThat(roads.get(0)).startsWith("Đường giao thông, lối đi / Roads and paths").contains("m đường / m of road");
      long planned = jdbc.sql("SELECT SUM(output_planned) FROM subproject WHERE cycle_code = 'CM-2026-1'"
          + " AND sector_code = 'ROADS'").query(Long.class).single();
      assertThat(roads.get(0)).contains(String.format(java.util.Locale.GERMANY, "%,d", planned));
      assertThat(officer.valueOf("select[name=sector]")).isEqualTo("ROADS");
      Object labels = officer.runAsync("const done = arguments[arguments.length - 1];"
          + "done(Chart.getChart(document.getElementById('chart-cost-per-unit')).data.labels);");
      assertThat(String.valueOf(labels)).contains("Đường giao thông, lối đi / Roads and paths", "₫/m đường / m of road");
      assertThat(officer.text()).contains("Chi phí/đơn vị khác xa trung vị của lĩnh vực");
      assertThat(officer.texts("#students")).singleElement().asString().contains("học sinh nữ / nam dự kiến");
      assertThat(officer.attribute("#sheet-xlsx", "href")).contains("/reports/subprojects.xlsx", "sector=ROADS");
      officer.fullScreenshot("10-officer-dashboard-by-sector");
    }

    assertThat(jdbc.sql("SELECT kind || ':' || amount FROM ledger_entry WHERE subproject_code = ? ORDER BY id")
        .param(code).query(String.class).list()).containsExactly("COMMIT:14000000", "DISBURSE:14000000");
    assertThat(jdbc.sql("SELECT stage FROM subproject WHERE code = ?").param(code).query(String.class).single())
        .isEqualTo("REPORTING");
  }

  /** A PDF of the meeting's minutes on the disk, as a person would choose it. */
  static Path minutesFile() {
    try {
      Path folder = Files.createTempDirectory("pcm-minutes");
      Path file = folder.resolve("Biên bản họp xóm.pdf");
      Files.write(file, TestFiles.minutesPdf());
      file.toFile().deleteOnExit();
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A proposal of the group submitted through the project's API; its code. */
  private static String submit(String base, String group, String title) {
    try {
      HttpResponse<String> response = new ApiClient(base, "facilitator1", "demo").submitProposal(
          new ObjectMapper().writeValueAsString(Proposals.valid(group, title)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return new ObjectMapper().readTree(response.body()).get("code").asText();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theWelcomePageAdminAndCockpitSpeakVietnamese() {
    String base = "http://localhost:" + port;
    try (TasklistBrowser admin = new TasklistBrowser(base)) {
      admin.open("/camunda/app/welcome/default/");
      admin.waitFor("input[ng-model='username']");
      admin.waitForText("Đăng nhập");
      assertThat(admin.text()).contains("Trang chính", "Ngày giờ hiển thị theo múi giờ địa phương");
      assertThat(admin.waitFor("input[ng-model='username']").getAttribute("placeholder")).isEqualTo("Tên đăng nhập");
      admin.screenshot("20-welcome-sign-in");
      admin.signIn("admin", "admin", "demo");
      admin.waitForText("Người dùng");
      assertThat(admin.text()).contains("Quản trị", "Nhóm", "Phân quyền");
      admin.screenshot("21-admin-dashboard");
      admin.open("/camunda/app/admin/default/#/users");
      admin.waitForText("Danh sách người dùng");
      admin.waitForText("Nguyễn Thị");
      admin.screenshot("22-admin-users");
      admin.open("/camunda/app/welcome/default/");
      admin.waitForText("Ứng dụng");
      assertThat(admin.text()).contains("Liên kết", "Báo cáo danh mục tiểu dự án", "Sửa hồ sơ", "Đổi mật khẩu");
      admin.screenshot("23-welcome-applications");
      admin.open("/camunda/app/cockpit/default/"); // the same sign-in serves every webapp
      admin.waitForText("Hồ sơ quy trình đang chạy");
      assertThat(admin.text()).contains("Định nghĩa quy trình", "Bản triển khai");
      admin.screenshot("24-cockpit-dashboard");
      admin.open("/camunda/app/cockpit/default/#/processes");
      admin.waitForText("Chu trình tài trợ tiểu dự án");
      admin.screenshot("25-cockpit-processes");
    }
  }
}
