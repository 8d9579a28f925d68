package org.pcm2.grants.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.PageRequests;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.TasklistBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A commune's leader records a dialogue meeting on the page, on a phone (360 px), signed in
 * as in the Tasklist: more commitment lines when there are more promises, what was typed kept;
 * a wrong field named with nothing kept; each commitment its owner's step; nobody else records
 * one, and no form without the page's token or from another site.
 */
class DialoguePagesIT extends PostgresIntegrationTest {

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private TaskService tasks;

  @Test
  void aLeaderRecordsAMeetingOnAPhoneAndEachCommitmentBecomesItsOwnersStep() {
    TasklistBrowser.requireInstalled();
    String base = "http://localhost:" + port;
    LocalDate held = LocalDate.now().minusDays(2);
    try (TasklistBrowser phone = new TasklistBrowser(base, 360, 780).login("leader1")) {
      phone.open("/dialogues/new");
      assertThat(phone.texts("select[name=communeCode] option")).as("only the leader's own commune")
          .containsExactly("Xã Hoàng Nông");
      day(phone, "heldOn", held);
      phone.type("input[name=women]", "41");
      phone.type("input[name=men]", "37");
      phone.type("textarea[name=issues]", "Đường xóm Khuôn Ngục xuống cấp; nước sạch mùa khô");
      phone.type("input[name=what0]", "Khảo sát đoạn đường hỏng");
      phone.type("input[name=owner0]", "leader1");
      day(phone, "dueOn0", held.plusDays(30));
      phone.clickOn("button[name=more]");
      phone.waitFor("input[name=what9]");
      assertThat(phone.texts("fieldset.commitment legend")).as("five more lines").hasSize(10);
      assertThat(phone.valueOf("input[name=what0]")).as("what was typed is kept")
          .isEqualTo("Khảo sát đoạn đường hỏng");
      assertThat(phone.valueOf("input[name=women]")).isEqualTo("41");
      phone.type("input[name=what7]", "DWC xem xét hỗ trợ vốn giếng khoan");
      phone.type("input[name=owner7]", "officer1");
      day(phone, "dueOn7", held.plusDays(60));
      assertThat(((Number) phone.runAsync("arguments[arguments.length - 1](document.documentElement.scrollWidth)"))
          .intValue()).as("nothing wider than the phone").isLessThanOrEqualTo(360);

      // a day in the future and an owner nobody knows: named on the page, nothing kept
      noCheckInTheBrowser(phone);
      day(phone, "heldOn", LocalDate.now().plusDays(3));
      phone.type("input[name=owner7]", "nobody9");
      phone.clickOn("#record");
      phone.waitFor("ul.errors li");
      assertThat(phone.texts("ul.errors li")).anyMatch(e -> e.startsWith("heldOn:"))
          .anyMatch(e -> e.startsWith("commitments[1].owner:"));
      assertThat(jdbc.sql("SELECT COUNT(*) FROM dialogue_meeting").query(Long.class).single()).isZero();

      day(phone, "heldOn", held);
      phone.type("input[name=owner7]", "officer1");
      phone.clickOn("#record");
      phone.waitForText("Đã ghi buổi đối thoại");
      phone.fullScreenshot("dialogue-recorded-360");
      assertThat(phone.texts("#commitments tr")).hasSize(3);
      assertThat(phone.waitFor("#attendance").getText()).isEqualTo("41 / 37");
      // the meeting's own address (reloading it records nothing twice)
      assertThat((String) phone.runAsync("arguments[arguments.length - 1](location.pathname)"))
          .isEqualTo("/dialogues/" + meetingId());
    }
    assertThat(jdbc.sql("SELECT women || '/' || men || '/' || recorded_by FROM dialogue_meeting")
        .query(String.class).single()).isEqualTo("41/37/leader1");
    List<String> owners = tasks.createTaskQuery().processDefinitionKey(DialogueProcess.KEY).orderByDueDate().asc()
        .list().stream().map(task -> task.getAssignee() + "@" + task.getDueDate().toInstant().atZone(
            java.time.ZoneId.systemDefault()).toLocalDate()).toList();
    assertThat(owners).containsExactly("leader1@" + held.plusDays(30), "officer1@" + held.plusDays(60));

    // the meeting's page: DWC and the commune's leaders, not another commune's
    assertThat(PageRequests.get(base, "/dialogues/" + meetingId(), "officer1").body()).contains("Khảo sát đoạn đường");
    assertThat(PageRequests.get(base, "/dialogues/" + meetingId(), "leader3").statusCode()).isEqualTo(404);

    // nobody who is not a leader, a facilitator or DWC; no form without the token, or from another site
    assertThat(PageRequests.get(base, "/dialogues/new", "admin").statusCode()).isEqualTo(404);
    assertThat(PageRequests.get(base, "/dialogues/new", null).statusCode()).isEqualTo(401);
    String form = "communeCode=05740&heldOn=" + held + "&women=1&men=1&issues=x";
    assertThat(PageRequests.post(base, "/dialogues", "leader1", form, null).statusCode()).isEqualTo(403);
    assertThat(PageRequests.post(base, "/dialogues", "leader1", form, "http://evil.example").statusCode())
        .isEqualTo(403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM dialogue_meeting").query(Long.class).single()).isOne();
  }

  @Test
  void aFacilitatorEntersFeedbackHeardOnPaperWithItsPhoto() throws Exception {
    TasklistBrowser.requireInstalled();
    String base = "http://localhost:" + port;
    java.nio.file.Path photo = java.nio.file.Files.createTempDirectory("pcm-heard").resolve("Cầu tràn.jpg");
    java.nio.file.Files.write(photo, org.pcm2.grants.support.TestFiles.photo());
    photo.toFile().deleteOnExit();
    String reference;
    try (TasklistBrowser browser = new TasklistBrowser(base).login("facilitator1")) {
      browser.open("/dialogues/feedback");
      browser.selectValue("select[name=channel]", "PAPER");
      browser.selectValue("select[name=communeCode]", "05740");
      browser.clickOn("input[name=category][value=COMPLAINT]");
      browser.type("textarea[name=text]", "Thư của bà con xóm Nà Ngườm: cầu tràn bị xói sau lũ");
      browser.type("input[name=contactName]", "Bà Hoàng Thị Mai");
      browser.upload("input[name=photo]", photo);
      browser.clickOn("button[type=submit]");
      browser.waitForText("Mã phản ánh");
      reference = browser.waitFor("#reference").getText();
      assertThat((String) browser.runAsync("arguments[arguments.length - 1](location.pathname)"))
          .isEqualTo("/dialogues/feedback/" + reference);
    }
    assertThat(jdbc.sql("SELECT channel || '/' || recorded_by || '/' || contact_name FROM community_feedback"
        + " WHERE reference = ?").param(reference).query(String.class).single())
        .isEqualTo("PAPER/facilitator1/Bà Hoàng Thị Mai");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM feedback_photo p JOIN community_feedback f ON f.id = p.feedback_id"
        + " WHERE f.reference = ?").param(reference).query(Long.class).single()).isOne();
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("commune05740")
        .count()).isOne();
    // nobody else enters feedback for others; no form without the page's token
    assertThat(PageRequests.get(base, "/dialogues/feedback", "admin").statusCode()).isEqualTo(404);
    long before = jdbc.sql("SELECT COUNT(*) FROM community_feedback").query(Long.class).single();
    assertThat(PageRequests.post(base, "/dialogues/feedback", "facilitator1", "communeCode=05740&category=QUESTION"
        + "&text=Khi%20n%C3%A0o%20c%C3%B3%20v%E1%BB%91n", null).statusCode()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM community_feedback").query(Long.class).single()).isEqualTo(before);
  }

  private long meetingId() {
    return jdbc.sql("SELECT id FROM dialogue_meeting").query(Long.class).single();
  }

  /** Sets a date field as the phone's date picker would. */
  private static void day(TasklistBrowser browser, String name, LocalDate day) {
    browser.runAsync("const field = document.querySelector('input[name=\"' + arguments[0] + '\"]');"
        + " field.value = arguments[1]; field.dispatchEvent(new Event('change', {bubbles: true}));"
        + " arguments[arguments.length - 1]();", name, day.toString());
  }

  /** Lets the form go to the server as it is, as a browser that checks nothing would send it. */
  private static void noCheckInTheBrowser(TasklistBrowser browser) {
    browser.runAsync("document.querySelector('form.dialogue').noValidate = true; arguments[arguments.length - 1]();");
  }
}
