package org.pcm2.grants.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DWC keeps its people in a CSV file, the columns of the demo users: new people are invited
 * to choose their password, existing ones are brought in step (a leader moved to another
 * commune gives back the steps they had claimed), a bad file is refused whole with every bad
 * row named, a second import changes nothing, the export imports again unchanged. The tests
 * share one database: the export is compared with the demo file first, before any import.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeopleImportIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER = "id;firstName;lastName;email;groups\n";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private org.camunda.bpm.engine.IdentityService identity;

  private ApiClient as(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }

  private HttpResponse<String> importFile(String csv, boolean apply) {
    return as("admin").post("/api/directory/people.csv" + (apply ? "?apply=true" : ""), "text/csv", csv);
  }

  @Test
  @Order(1)
  void theExportIsTheDemoUsersFileAndImportsAgainChangingNothing() throws Exception {
    HttpResponse<String> export = as("officer1").get("/api/directory/people.csv");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(export.body()).startsWith(HEADER).doesNotContainIgnoringCase("password");
    String demo = new String(new ClassPathResource("demo/users.csv").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(lines(export.body())).isEqualTo(lines(demo));

    JsonNode again = outcome(importFile(export.body(), true));
    assertThat(again.get("created")).isEmpty();
    assertThat(again.get("changed")).isEmpty();
    assertThat(again.get("unchanged").asInt()).isEqualTo(lines(demo).size() - 1);
    assertThat(count("SELECT COUNT(*) FROM directory_change")).isZero();
    assertThat(count("SELECT COUNT(*) FROM mail_outbox")).isZero();
  }

  @Test
  void aPreviewWritesNothingTheImportInvitesTheNewcomerAndChangesTheOthersAndASecondChangesNothing()
      throws Exception {
    String file = HEADER + """
        facilitator5;Lan;Phạm Thị;facilitator5@example.org;facilitators
        officer2;Minh;Vũ Đức;minh.vu@example.org;dwcOfficers dwcFinance
        leader3;Thắng;Ma Văn;leader3@example.org;communeLeaders commune05743
        """;

    JsonNode preview = outcome(importFile(file, false));
    assertThat(preview.get("applied").asBoolean()).isFalse();
    assertThat(texts(preview.get("created"))).containsExactly("facilitator5");
    assertThat(texts(preview.get("changed"))).containsExactly("officer2");
    assertThat(preview.get("unchanged").asInt()).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM act_id_user WHERE id_ = 'facilitator5'")).as("a preview writes nothing")
        .isZero();
    assertThat(outboxRowsTo("facilitator5@example.org")).isZero();
    assertThat(groupsOf("officer2")).containsExactly("dwcOfficers");

    JsonNode applied = outcome(importFile(file, true));
    assertThat(applied.get("applied").asBoolean()).isTrue();
    assertThat(groupsOf("facilitator5")).containsExactly("facilitators");
    assertThat(outboxRowsTo("facilitator5@example.org")).as("the invitation").isOne();
    assertThat(jdbc.sql("SELECT body_text FROM mail_outbox WHERE recipient_email = 'facilitator5@example.org'")
        .query(String.class).single()).contains("/account/password?token=").contains("facilitator5");
    assertThat(jdbc.sql("SELECT email_ FROM act_id_user WHERE id_ = 'officer2'").query(String.class).single())
        .isEqualTo("minh.vu@example.org");
    assertThat(groupsOf("officer2")).containsExactly("dwcFinance", "dwcOfficers");
    assertThat(jdbc.sql("SELECT subject_code || ' ' || field || ' ' || COALESCE(before_value, '-') || ' > '"
        + " || after_value FROM directory_change WHERE subject_kind = 'PERSON'"
        + " AND subject_code IN ('facilitator5', 'officer2') ORDER BY id").query(String.class)
        .list()).containsExactly("facilitator5 active - > true", "officer2 email officer2@example.org > minh.vu@example.org",
        "officer2 groups dwcOfficers > dwcOfficers dwcFinance");
    assertThat(jdbc.sql("SELECT DISTINCT changed_by FROM directory_change").query(String.class).list())
        .containsExactly("admin");

    long changes = count("SELECT COUNT(*) FROM directory_change");
    long mails = count("SELECT COUNT(*) FROM mail_outbox");
    JsonNode second = outcome(importFile(file, true));
    assertThat(second.get("created")).isEmpty();
    assertThat(second.get("changed")).isEmpty();
    assertThat(second.get("unchanged").asInt()).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM directory_change")).isEqualTo(changes);
    assertThat(count("SELECT COUNT(*) FROM mail_outbox")).isEqualTo(mails);
    // and the export gives the changed people back as the file had them
    assertThat(as("officer1").get("/api/directory/people.csv").body())
        .contains("facilitator5;Lan;Phạm Thị;facilitator5@example.org;facilitators\n")
        .contains("officer2;Minh;Vũ Đức;minh.vu@example.org;dwcOfficers dwcFinance\n");
  }

  @Test
  void aBadFileIsRefusedWholeWithEveryBadRowNamedAndNothingWritten() throws Exception {
    String file = HEADER + """
        leader4;Bình;Hồ Thanh;leader4.new@example.org;communeLeaders commune19120
        new.one;A;B;new1@example.org;facilitators
        new2;;B;bad-address;facilitators
        new3;A;B;leader1@example.org;dwcOfficers
        new4;A;B;new4@example.org;communeLeaders
        new5;A;B;new5@example.org;dwcOfficers wizards
        officer1;Hạnh;Phạm Thị;officer1@example.org;dwcOfficers camunda-admin
        facilitator1;Hoa;Nguyễn Thị;facilitator1@example.org;dwcOfficers
        leader2;Lan;Đỗ Thị;leader2@example.org;
        new6;A;B;new6@example.org;facilitators
        new6;A;B;NEW6@example.org;facilitators
        """;
    long users = count("SELECT COUNT(*) FROM act_id_user");
    long memberships = count("SELECT COUNT(*) FROM act_id_membership");
    long changes = count("SELECT COUNT(*) FROM directory_change");
    long mails = count("SELECT COUNT(*) FROM mail_outbox");

    for (boolean apply : List.of(false, true)) {
      HttpResponse<String> refused = importFile(file, apply);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      JsonNode errors = JSON.readTree(refused.body()).get("errors");
      assertThat(errors.findValuesAsText("field")).containsExactly("people.csv:3:id", "people.csv:4:firstName",
          "people.csv:4:email", "people.csv:5:email", "people.csv:6:groups", "people.csv:7:groups",
          "people.csv:8:groups", "people.csv:9:groups", "people.csv:10:groups", "people.csv:12:id",
          "people.csv:12:email");
      assertThat(errors.findValuesAsText("message")).contains(
          "địa chỉ này đã là của người dùng leader1 / this address is already user leader1's",
          "tệp không cấp cũng không bỏ quyền quản trị (camunda-admin): hãy làm việc đó trong Camunda Admin / a file"
              + " neither grants nor removes administrator rights (camunda-admin): do that in Camunda Admin",
          "nhập tệp không cho ai thôi tham gia: để cho leader2 thôi tham gia, hãy dùng trang Người / an import"
              + " deactivates nobody: to deactivate leader2, use the People page",
          "địa chỉ NEW6@example.org đã có ở dòng 11 của tệp / address NEW6@example.org is already on line 11 of"
              + " the file");
      assertThat(errors.get(7).get("message").asText()).startsWith("facilitator1 còn phụ trách các nhóm CBG")
          .contains(" / facilitator1 still serves groups CBG");
      assertThat(errors.get(5).get("message").asText()).startsWith("không có nhóm wizards của chương trình");
    }
    // a password column refuses the file, naming the column
    HttpResponse<String> secret = importFile("id;firstName;lastName;email;groups;Password\n"
        + "new7;A;B;new7@example.org;facilitators;Secret123\n", true);
    assertThat(secret.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(secret.body()).get("errors").get(0);
    assertThat(error.get("field").asText()).isEqualTo("people.csv:1:Password");
    assertThat(error.get("message").asText()).startsWith("tệp người không được có cột mật khẩu (Password)")
        .contains(" / a people file may not have a password column (Password)");

    assertThat(count("SELECT COUNT(*) FROM act_id_user")).isEqualTo(users);
    assertThat(count("SELECT COUNT(*) FROM act_id_membership")).isEqualTo(memberships);
    assertThat(count("SELECT COUNT(*) FROM directory_change")).isEqualTo(changes);
    assertThat(count("SELECT COUNT(*) FROM mail_outbox")).isEqualTo(mails);
    assertThat(jdbc.sql("SELECT email_ FROM act_id_user WHERE id_ = 'leader4'").query(String.class).single())
        .isEqualTo("leader4@example.org");
  }

  @Test
  void aLeaderMovedToAnotherCommuneByTheFileGivesBackTheStepTheyHadClaimed() throws Exception {
    HttpResponse<String> created = as("facilitator1").submitProposal(
        JSON.writeValueAsString(Proposals.valid("CBG0574002", "Kênh mương nội đồng")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    String instance = jdbc.sql("SELECT process_instance_id FROM subproject WHERE code = ?").param(code)
        .query(String.class).single();
    String review = jdbc.sql("SELECT id_ FROM act_ru_task WHERE proc_inst_id_ = ? AND task_def_key_ ="
        + " 'UserTask_ReviewProposal'").param(instance).query(String.class).single();
    assertThat(as("leader2").postJson("/engine-rest/task/" + review + "/claim", "{\"userId\":\"leader2\"}")
        .statusCode()).isEqualTo(204);
    assertThat(assignee(review)).isEqualTo("leader2");

    JsonNode moved = outcome(importFile(HEADER + "leader2;Lan;Đỗ Thị;leader2@example.org;communeLeaders"
        + " commune05743\n", true));

    assertThat(texts(moved.get("changed"))).containsExactly("leader2");
    assertThat(groupsOf("leader2")).containsExactly("commune05743", "communeLeaders");
    assertThat(assignee(review)).as("back to the leaders of 05740").isNull();
    assertThat(count("SELECT COUNT(*) FROM act_ru_authorization WHERE user_id_ = 'leader2' AND resource_id_ = '"
        + review + "'")).isZero();
    HttpResponse<String> leader2Tasks = as("leader2").get("/engine-rest/task?processInstanceId=" + instance);
    assertThat(JSON.readTree(leader2Tasks.body()).findValuesAsText("id")).isEmpty();
    assertThat(JSON.readTree(as("leader1").get("/engine-rest/task?processInstanceId=" + instance).body())
        .findValuesAsText("id")).containsExactly(review);
    assertThat(jdbc.sql("SELECT before_value || ' > ' || after_value FROM directory_change WHERE subject_code ="
        + " 'leader2' AND field = 'groups'").query(String.class).single())
        .isEqualTo("communeLeaders commune05740 > communeLeaders commune05743");
  }

  @Test
  void anOfficerFiledAsAFacilitatorLeavesTheirDwcTeamsOfficersGroupToo() throws Exception {
    assertThat(as("admin").putJson("/api/teams/peoplefile", "{\"name\":\"Nhóm thử\",\"provinces\":[]}")
        .statusCode()).isEqualTo(200);
    org.camunda.bpm.engine.identity.User officer = identity.newUser("teamofficer1");
    officer.setFirstName("Thử");
    officer.setLastName("Cán Bộ");
    officer.setEmail("teamofficer1@example.org");
    identity.saveUser(officer);
    try {
      identity.createMembership("teamofficer1", "dwcOfficers");
      identity.createMembership("teamofficer1", "dwcOfficersPeoplefile");
      identity.createMembership("teamofficer1", "dwcFinancePeoplefile");

      outcome(importFile(HEADER + "teamofficer1;Thử;Cán Bộ;teamofficer1@example.org;facilitators\n", true));

      assertThat(groupsOf("teamofficer1")).containsExactly("dwcFinancePeoplefile", "facilitators");
    } finally {
      identity.deleteUser("teamofficer1");
      for (String role : List.of("dwcOfficers", "dwcFinance", "dwcDirectors")) {
        identity.deleteGroup(role + "Peoplefile");
      }
      jdbc.sql("DELETE FROM dwc_team WHERE code = 'peoplefile'").update();
    }
  }

  @Test
  void nobodyButDwcReadsThePeopleFileAndOnlyAnAdministratorImportsIt() {
    String file = HEADER + "officer9;A;B;officer9@example.org;dwcOfficers\n";
    for (String person : List.of("facilitator1", "leader1")) {
      assertThat(as(person).get("/api/directory/people.csv").statusCode()).as(person).isEqualTo(404);
      assertThat(as(person).get("/directory/people.csv").statusCode()).as(person).isEqualTo(404);
    }
    for (String person : List.of("facilitator1", "leader1", "officer1", "director1")) {
      assertThat(as(person).post("/api/directory/people.csv?apply=true", "text/csv", file).statusCode()).as(person)
          .isEqualTo(404);
    }
    assertThat(as("officer1").get("/directory/people.csv").body()).startsWith(HEADER);
    assertThat(count("SELECT COUNT(*) FROM act_id_user WHERE id_ = 'officer9'")).isZero();
  }

  private JsonNode outcome(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private List<String> groupsOf(String id) {
    return jdbc.sql("SELECT group_id_ FROM act_id_membership WHERE user_id_ = ? ORDER BY group_id_").param(id)
        .query(String.class).list();
  }

  private long outboxRowsTo(String address) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient_email = ?").param(address).query(Long.class)
        .single();
  }

  private String assignee(String task) {
    List<String> assignees = jdbc.sql("SELECT assignee_ FROM act_ru_task WHERE id_ = ?").param(task)
        .query((row, i) -> row.getString(1)).list();
    assertThat(assignees).as("task %s open", task).hasSize(1);
    return assignees.get(0);
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static TreeSet<String> lines(String csv) {
    return new TreeSet<>(csv.lines().filter(line -> !line.isBlank()).toList());
  }
}
