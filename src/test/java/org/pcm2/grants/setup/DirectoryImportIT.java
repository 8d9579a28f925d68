package org.pcm2.grants.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DWC sets up and changes its programme's directory from CSV files, without SQL. The tests
 * share one database: the export is compared with the demo files first, before any import.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryImportIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  private ApiClient as(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }

  private HttpResponse<String> importFile(String user, String file, String csv, boolean apply) {
    return as(user).post("/api/directory/" + file + (apply ? "?apply=true" : ""), "text/csv", csv);
  }

  @Test
  @Order(1)
  void anExportIsTheDemoFileAndImportsAgainChangingNothing() throws Exception {
    for (String file : List.of("places.csv", "schools.csv", "groups.csv")) {
      HttpResponse<String> export = as("officer1").get("/api/directory/" + file);
      assertThat(export.statusCode()).isEqualTo(200);
      assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      assertThat(lines(export.body())).as(file).isEqualTo(lines(demo(file)));

      HttpResponse<String> again = importFile("admin", file, export.body(), true);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      JsonNode outcome = JSON.readTree(again.body());
      assertThat(outcome.get("created")).isEmpty();
      assertThat(outcome.get("changed")).isEmpty();
      assertThat(outcome.get("unchanged").asInt()).isEqualTo(lines(demo(file)).size() - 1);
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_change").query(Long.class).single()).isZero();
  }

  @Test
  void aNewCommuneIsPreviewedThenAddedWithItsLeadersGroupAndASecondImportChangesNothing() throws Exception {
    String places = """
        code;parent;kind;name
        99901;99;COMMUNE;Xã Thử Nghiệm
        9990101;99901;HAMLET;Xóm Một
        99;;PROVINCE;Tỉnh Thử Nghiệm
        """;
    long placesBefore = count("place");

    HttpResponse<String> preview = importFile("admin", "places.csv", places, false);

    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    JsonNode outcome = JSON.readTree(preview.body());
    assertThat(outcome.get("applied").asBoolean()).isFalse();
    assertThat(texts(outcome.get("created"))).containsExactly("99", "99901", "9990101");
    assertThat(outcome.get("changed")).isEmpty();
    assertThat(count("place")).as("a preview writes nothing").isEqualTo(placesBefore);

    HttpResponse<String> applied = importFile("admin", "places.csv", places, true);
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(count("place")).isEqualTo(placesBefore + 3);

    assertThat(jdbc.sql("SELECT COUNT(*) FROM act_id_group WHERE id_ = 'commune99901'").query(Long.class).single())
        .isEqualTo(1);
    assertThat(jdbc.sql("SELECT changed_by || ' ' || subject_kind || ' ' || subject_code FROM directory_change"
        + " WHERE subject_kind = 'PLACE' ORDER BY id").query(String.class).list())
        .containsExactlyInAnyOrder("admin PLACE 99", "admin PLACE 99901", "admin PLACE 9990101");

    // a name changed: the row is changed, the commune's leaders' group renamed, the rest left alone
    JsonNode renamed = JSON.readTree(importFile("admin", "places.csv", places.replace("Xã Thử Nghiệm", "Xã Thử Nghiệm Mới"),
        true).body());
    assertThat(texts(renamed.get("changed"))).containsExactly("99901");
    assertThat(renamed.get("unchanged").asInt()).isEqualTo(2);
    assertThat(jdbc.sql("SELECT name_ FROM act_id_group WHERE id_ = 'commune99901'").query(String.class).single())
        .isEqualTo("Lãnh đạo Xã Thử Nghiệm Mới");
    places = places.replace("Xã Thử Nghiệm", "Xã Thử Nghiệm Mới");

    String schoolsAndGroups = """
        code;commune;name
        THCS99901;99901;Trường THCS Thử Nghiệm
        """;
    assertThat(importFile("admin", "schools.csv", schoolsAndGroups, true).statusCode()).isEqualTo(200);
    String groups = """
        code;kind;name;unit;facilitator
        CBG9990101;CBG;Nhóm cộng đồng Xóm Một;9990101;facilitator2
        HS99901;STUDENT_GROUP;Nhóm học sinh THCS Thử Nghiệm;THCS99901;facilitator2
        """;
    assertThat(importFile("admin", "groups.csv", groups, true).statusCode()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT facilitator_id FROM community_group WHERE code = 'HS99901'").query(String.class)
        .single()).isEqualTo("facilitator2");

    long changes = count("directory_change");
    JsonNode second = JSON.readTree(importFile("admin", "places.csv", places, true).body());
    assertThat(second.get("created")).isEmpty();
    assertThat(second.get("changed")).isEmpty();
    assertThat(second.get("unchanged").asInt()).isEqualTo(3);
    assertThat(count("directory_change")).as("a second import changes nothing").isEqualTo(changes);
  }

  @Test
  void aBadFileIsRefusedWholeWithEveryBadRowNamedAndNothingWritten() throws Exception {
    String places = """
        code;parent;kind;name
        88;;PROVINCE;Tỉnh Tốt
        88001;88;VILLAGE;Xã Loại Sai
        88002;77;COMMUNE;Xã Cấp Trên Không Có
        88;;PROVINCE;Tỉnh Hai Lần
        88-3;88;COMMUNE;Mã Sai
        88004;88;COMMUNE
        88005;88;COMMUNE;
        """;
    long before = count("place");
    long changes = count("directory_change");

    HttpResponse<String> refused = importFile("admin", "places.csv", places, true);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode errors = JSON.readTree(refused.body()).get("errors");
    assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("places.csv:7", "places.csv:3:kind",
        "places.csv:4:parent", "places.csv:5:code", "places.csv:6:code", "places.csv:8:name");
    assertThat(refused.body()).contains("không hợp lệ, chọn một trong").contains("is not valid, choose one of")
        .contains("có hai lần").contains("in the file twice").contains("không có mã 77");
    assertThat(count("place")).isEqualTo(before);
    assertThat(count("directory_change")).isEqualTo(changes);

    HttpResponse<String> unknownFacilitator = importFile("admin", "groups.csv", """
        code;kind;name;unit;facilitator
        CBG0574001;CBG;Nhóm cộng đồng Xóm Cầu Đá, Hoàng Nông;0574001;leader1
        """, true);
    assertThat(unknownFacilitator.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknownFacilitator.body()).get("errors").findValuesAsText("field"))
        .containsExactly("groups.csv:2:facilitator");
    assertThat(importFile("admin", "groups.csv", "code;kind;name\nX;CBG;Y\n", true).body())
        .contains("groups.csv:1").contains("unit, facilitator");
    assertThat(importFile("admin", "users.csv", "a;b\n", false).statusCode()).isEqualTo(404);
  }

  @Test
  void aGroupsProfileIsCheckedAndAFileWithoutItsColumnsLeavesItAsItIs() throws Exception {
    String group = "CBG0574002";
    Map<String, Object> before = jdbc.sql("SELECT formed_on, members, women_leaders FROM community_group WHERE"
        + " code = ?").param(group).query().singleRow();
    assertThat(before.get("members")).as("the demo file has the profile").isNotNull();
    HttpResponse<String> bad = importFile("admin", "groups.csv", """
        code;kind;name;unit;facilitator;formedOn;members;womenLeaders
        CBG0574001;CBG;Nhóm cộng đồng Xóm Cầu Đá, Hoàng Nông;0574001;facilitator1;2099-01-01;20;3
        CBG0574002;CBG;Nhóm cộng đồng Xóm Bình Minh, Hoàng Nông;0574002;facilitator1;15/03/2024;0;2
        CBG0574003;CBG;Nhóm cộng đồng Xóm Hợp Thành, Hoàng Nông;0574003;facilitator1;2024-03-15;5;6
        """, true);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("errors").findValuesAsText("field")).containsExactly(
        "groups.csv:2:formedOn", "groups.csv:3:formedOn", "groups.csv:3:members", "groups.csv:4:womenLeaders");
    assertThat(bad.body()).contains("chưa tới").contains("nhiều hơn số thành viên");

    // a file of the earlier columns changes the name and keeps the profile
    HttpResponse<String> renamed = importFile("admin", "groups.csv", """
        code;kind;name;unit;facilitator
        CBG0574002;CBG;Nhóm Bình Minh;0574002;facilitator1
        """, true);
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT name, formed_on, members, women_leaders FROM community_group WHERE code = ?")
        .param(group).query().singleRow()).containsEntry("name", "Nhóm Bình Minh")
        .containsEntry("members", before.get("members")).containsEntry("women_leaders", before.get("women_leaders"))
        .containsEntry("formed_on", before.get("formed_on"));
    // the profile itself, changed and exported back
    assertThat(importFile("admin", "groups.csv", """
        code;kind;name;unit;facilitator;formedOn;members;womenLeaders
        CBG0574002;CBG;Nhóm Bình Minh;0574002;facilitator1;2024-03-15;40;12
        """, true).statusCode()).isEqualTo(200);
    assertThat(as("officer1").get("/api/directory/groups.csv").body())
        .contains("\nCBG0574002;CBG;Nhóm Bình Minh;0574002;facilitator1;2024-03-15;40;12\n");
  }

  @Test
  void onlyDwcAdministratorsImportAndOnlyDwcExports() {
    String places = "code;parent;kind;name\n77;;PROVINCE;Tỉnh Lạ\n";
    for (String wrong : List.of("facilitator1", "leader1", "officer1", "finance1", "director1")) {
      assertThat(importFile(wrong, "places.csv", places, true).statusCode()).as(wrong).isEqualTo(404);
    }
    assertThat(count("place", "code = '77'")).isZero();
    for (String wrong : List.of("facilitator1", "leader1")) {
      assertThat(as(wrong).get("/api/directory/groups.csv").statusCode()).as(wrong).isEqualTo(404);
    }
    assertThat(new ApiClient("http://localhost:" + port, null, null).get("/api/directory/groups.csv").statusCode())
        .isEqualTo(401);
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private long count(String table, String where) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where).query(Long.class).single();
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).sorted().toList();
  }

  private static String demo(String file) throws IOException {
    return new String(new ClassPathResource("demo/" + file).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The file's lines as a set (the export is ordered by code, the demo files by place). */
  private static Set<String> lines(String csv) {
    return new TreeSet<>(csv.lines().filter(line -> !line.isBlank()).toList());
  }
}
