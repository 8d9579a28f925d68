package org.pcm2.grants.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.TasklistBrowser;
import org.pcm2.grants.support.TestFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A facilitator in the field, on a phone's screen (360 px): the minutes of the community
 * meeting chosen in the Tasklist's start form, before the proposal has a code, and a photo of
 * the works chosen in the completion report; each file is the sub-project's afterwards, the
 * photo with the day and place it was taken, and nothing on the screen is wider than the phone.
 */
class EvidenceOnAPhoneIT extends PostgresIntegrationTest {

  private static final String TITLE = "Giếng nước xóm Khuôn Ngục";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  @Test
  void minutesFromTheStartFormAndAPhotoFromTheCompletionReportOnAPhone() throws Exception {
    TasklistBrowser.requireInstalled();
    String base = "http://localhost:" + port;
    try (TasklistBrowser phone = new TasklistBrowser(base, 360, 780).login("facilitator1")) {
      phone.startProcess("Chu trình tài trợ tiểu dự án");
      phone.fill("title", TITLE);
      phone.select("fundCode", "Quỹ quản lý cộng đồng");
      phone.fill("cycleCode", "CM-2026-1");
      phone.fill("groupCode", "CBG0574002");
      phone.select("sectorCode", "Nước sạch");
      phone.fill("outputPlanned", "30");
      phone.fill("objectives", "Nước sạch cho 30 hộ quanh năm");
      phone.fill("activities", "Họp dân, khoan giếng, xây bể lọc, nghiệm thu");
      phone.fill("requestedGrant", "15000000");
      phone.fill("contributionCash", "2000000");
      phone.fill("contributionLabour", "3000000");
      phone.date("plannedStart", LocalDate.now().plusDays(10));
      phone.date("plannedEnd", LocalDate.now().plusMonths(3));
      phone.fill("beneficiariesWomen", "52");
      // typed last and still waiting to be taken by the form when the file arrives
      phone.fill("beneficiariesMen", "48");
      String kept = phone.attach("minutesFiles", file("Biên bản họp dân.pdf", TestFiles.minutesPdf()));
      assertThat(kept).startsWith("✓ Biên bản họp dân.pdf");
      assertThat(phone.value("minutesFiles")).matches("\\d+");
      assertThat(phone.value("beneficiariesMen")).isEqualTo("48");
      assertThat(pageWidth(phone)).as("nothing wider than the phone").isLessThanOrEqualTo(360);
      phone.screenshot("30-phone-start-form-minutes");
      phone.press("Bắt đầu");
      phone.waitForText("Quy trình đã được bắt đầu.");
    }
    String code = jdbc.sql("SELECT code FROM subproject WHERE title = ?").param(TITLE).query(String.class).single();
    assertThat(jdbc.sql("SELECT kind || ':' || file_name FROM attachment WHERE subproject_code = ?").param(code)
        .query(String.class).list()).containsExactly("MINUTES:Biên bản họp dân.pdf");
    assertThat(jdbc.sql("SELECT stage FROM subproject WHERE code = ?").param(code).query(String.class).single())
        .as("screening found the minutes").isEqualTo("IN_REVIEW");

    // review, appraisal, payment and receipt through the API, up to the completion report
    for (String[] step : java.util.Arrays.copyOf(GrantCycleSteps.STEPS, 4)) {
      ApiClient api = new ApiClient(base, GrantCycleSteps.user(step, "leader1"), "demo");
      HttpResponse<String> done = api.postJson("/api/subprojects/" + code + "/tasks/" + step[1], step[2]);
      assertThat(done.statusCode()).as(step[1] + ": " + done.body()).isEqualTo(204);
    }

    try (TasklistBrowser phone = new TasklistBrowser(base, 360, 780).login("facilitator1")) {
      phone.openFilter("Việc của tôi");
      phone.waitForText(code);
      phone.openTask("Nộp báo cáo hoàn thành", code);
      phone.fill("actualSpending", "15000000");
      phone.fill("contributionMobilised", "5000000");
      phone.fill("womenReached", "55");
      phone.fill("menReached", "50");
      phone.fill("outputAchieved", "30");
      phone.fill("maintenanceGroup", "Tổ nước sạch thôn, bà Lò Thị Mai");
      phone.fill("completionSummary", "Giếng sâu 40 m, bể lọc 4 m³, 30 hộ đã có nước");
      // the photo chosen last, while the form still takes what was typed
      String photo = phone.attach("photoFiles", file("Giếng mới.jpg",
          TestFiles.photo("2026:11:20 09:30:00", 21.6, 105.3)));
      // the day and place the phone's camera wrote into the photo, as the server read them
      assertThat(photo).startsWith("✓ Giếng mới.jpg").contains("20/11/2026").contains("21.600000, 105.300000");
      assertThat(pageWidth(phone)).as("nothing wider than the phone").isLessThanOrEqualTo(360);
      assertThat(phone.value("photoFiles")).as("the photo's number").matches("\\d+");
      assertThat(phone.value("completionSummary")).as("what was typed").startsWith("Giếng sâu 40 m");
      phone.screenshot("31-phone-completion-report-photo");
      phone.complete();
    }
    assertThat(jdbc.sql("SELECT kind || ':' || file_name || COALESCE(':' || latitude || ':' || longitude, '') FROM attachment "
        + "WHERE subproject_code = ? ORDER BY id").param(code).query(String.class).list())
        .containsExactly("MINUTES:Biên bản họp dân.pdf", "PHOTO:Giếng mới.jpg:21.6:105.3");
    assertThat(jdbc.sql("SELECT stage FROM subproject WHERE code = ?").param(code).query(String.class).single())
        .isEqualTo("EVALUATING");
  }

  private static int pageWidth(TasklistBrowser browser) {
    return ((Number) browser.runAsync("arguments[arguments.length - 1](document.documentElement.scrollWidth)"))
        .intValue();
  }

  /** A file on the disk, as a person would choose it. */
  private static Path file(String name, byte[] content) {
    try {
      Path file = Files.createTempDirectory("pcm-evidence").resolve(name);
      Files.write(file, content);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
