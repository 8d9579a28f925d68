package org.pcm2.grants.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PageRequests;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.TasklistBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The directory's pages in a real browser (Debian's Chromium): a DWC administrator signed in
 * to the Tasklist searches the lists, previews a CSV file (a bad one refused whole, each bad
 * row named), applies a good one, and hands a group with an open sub-project to another
 * facilitator. Nobody else reaches the pages, and no other site's form writes through them.
 */
class DirectoryPagesIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUP = "CBG0550001";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @TempDir
  private Path files;

  private String base() {
    return "http://localhost:" + port;
  }

  @Test
  void anAdministratorImportsAFileAfterItsPreviewAndHandsAGroupOver() throws Exception {
    TasklistBrowser.requireInstalled();
    HttpResponse<String> created = new ApiClient(base(), "facilitator2", "demo").submitProposal(
        JSON.writeValueAsString(Proposals.valid(GROUP, "Nhà văn hoá xóm")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String code = JSON.readTree(created.body()).get("code").asText();
    Path bad = Files.writeString(files.resolve("places.csv"), """
        code;parent;kind;name
        88;;PROVINCE;Tỉnh Mới
        88001;88;VILLAGE;Xã Sai
        88002;7777;COMMUNE;
        """, StandardCharsets.UTF_8);
    long placesBefore = count("place");

    try (TasklistBrowser browser = new TasklistBrowser(base())) {
      // an administrator works in Camunda Admin, not the Tasklist; the pages take that sign-in
      browser.signedIn("admin", "admin", "demo");
      browser.open("/directory/places?q=bảo linh");
      browser.waitFor("#rows");
      assertThat(browser.texts("#rows tbody td:nth-child(2)")).contains("Xã Bảo Linh");
      assertThat(browser.texts("#rows tbody td:nth-child(2)")).allMatch(name -> name.toLowerCase().contains("bảo linh"));

      browser.open("/directory/import");
      browser.selectValue("select[name=kind]", "PLACES");
      browser.upload("input[type=file]", bad);
      browser.clickOn("#preview");
      browser.waitFor("#refused");
      assertThat(browser.texts("#refused tbody td:first-child")).containsExactly("places.csv:3:kind",
          "places.csv:4:name", "places.csv:4:parent");
      assertThat(browser.text()).contains("Không có gì được ghi").contains("'VILLAGE' không hợp lệ");
      browser.screenshot("directory-import-refused");
      assertThat(count("place")).isEqualTo(placesBefore);

      Path good = Files.writeString(files.resolve("good.csv"), """
          code;parent;kind;name
          88;;PROVINCE;Tỉnh Mới
          88001;88;COMMUNE;Xã Mới
          8800101;88001;HAMLET;Xóm Mới
          """, StandardCharsets.UTF_8);
      browser.upload("input[type=file]", good);
      browser.clickOn("#preview");
      browser.waitFor("#apply");
      assertThat(browser.texts("#created-count")).containsExactly("3");
      assertThat(browser.texts("#created")).containsExactly("88, 88001, 8800101");
      browser.screenshot("directory-import-preview");
      assertThat(count("place")).as("a preview writes nothing").isEqualTo(placesBefore);
      browser.clickOn("#apply");
      browser.waitFor("#applied");
      assertThat(count("place")).isEqualTo(placesBefore + 3);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM act_id_group WHERE id_ = 'commune88001'").query(Long.class).single())
          .isOne();

      // the same file again changes nothing, and the page says so
      browser.upload("input[type=file]", good);
      browser.clickOn("#preview");
      browser.waitFor("#apply");
      assertThat(browser.texts("#unchanged-count")).containsExactly("3");
      assertThat(browser.waitFor("#apply").isEnabled()).isFalse();

      browser.open("/directory/groups?q=" + GROUP);
      browser.clickOn("#rows a");
      browser.waitFor("#handover");
      assertThat(browser.texts("#open tbody td:first-child")).containsExactly(code);
      browser.selectValue("select[name=facilitatorId]", "facilitator3");
      browser.screenshot("directory-group-handover");
      browser.clickOn("#hand-over");
      browser.waitFor("#moved");
      assertThat(browser.texts("#open tbody td:last-child")).containsExactly("facilitator3");
    }
    assertThat(jdbc.sql("SELECT facilitator_id FROM community_group WHERE code = ?").param(GROUP).query(String.class)
        .single()).isEqualTo("facilitator3");
    assertThat(jdbc.sql("SELECT facilitator_id FROM subproject WHERE code = ?").param(code).query(String.class)
        .single()).isEqualTo("facilitator3");
    assertThat(jdbc.sql("SELECT changed_by FROM directory_change WHERE subject_code = ?").param(GROUP)
        .query(String.class).list()).containsExactly("admin");
  }

  @Test
  void nobodyButDwcReadsThePagesAndOnlyAdministratorsWriteAndNeverFromAnotherSite() throws Exception {
    for (String person : List.of("facilitator1", "leader1")) {
      assertThat(get("/directory/places", person).statusCode()).as(person).isEqualTo(404);
      assertThat(get("/directory/groups/" + GROUP, person).statusCode()).as(person).isEqualTo(404);
    }
    assertThat(get("/directory/places", "officer1").statusCode()).isEqualTo(200);
    assertThat(get("/directory/places", "officer1").body()).contains("Địa bàn").doesNotContain("nav-import");
    assertThat(get("/directory/import", "officer1").statusCode()).isEqualTo(404);
    HttpResponse<String> download = get("/directory/groups.csv", "officer1");
    assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(download.body()).startsWith("code;kind;name;unit;facilitator;formedOn;members;womenLeaders\n").contains(GROUP + ";CBG;");
    assertThat(get("/directory/groups.csv", "facilitator1").statusCode()).isEqualTo(404);
    // the same search and paging in the API
    var hamlets = JSON.readTree(new ApiClient(base(), "officer1", "demo")
        .get("/api/directory/places/search?kind=HAMLET&size=2&page=1").body());
    long allHamlets = jdbc.sql("SELECT COUNT(*) FROM place WHERE kind = 'HAMLET'").query(Long.class).single();
    assertThat(hamlets.get("total").asLong()).isEqualTo(allHamlets);
    assertThat(hamlets.get("rows").findValuesAsText("code")).isEqualTo(jdbc.sql(
        "SELECT code FROM place WHERE kind = 'HAMLET' ORDER BY code LIMIT 2 OFFSET 2").query(String.class).list());
    assertThat(new ApiClient(base(), "facilitator1", "demo").get("/api/directory/groups/search").statusCode())
        .isEqualTo(404);
    assertThat(get("/directory/places", null).statusCode()).isEqualTo(401);

    // an officer's form post, even with the right fields, hands nothing over
    HttpResponse<String> officer = post("/directory/groups/" + GROUP + "/facilitator", "officer1",
        "facilitatorId=facilitator3", null);
    assertThat(officer.statusCode()).isIn(403, 404);
    // an administrator's browser sent a form by another site's page: refused by where it comes from
    HttpResponse<String> forged = post("/directory/groups/" + GROUP + "/facilitator", "admin",
        "facilitatorId=facilitator3", "http://evil.example");
    assertThat(forged.statusCode()).isEqualTo(403);
    // and without the page's token against forgery
    HttpResponse<String> tokenless = post("/directory/groups/" + GROUP + "/facilitator", "admin",
        "facilitatorId=facilitator3", null);
    assertThat(tokenless.statusCode()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT facilitator_id FROM community_group WHERE code = ?").param(GROUP).query(String.class)
        .single()).isEqualTo("facilitator2");
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  private HttpResponse<String> get(String path, String user) {
    return PageRequests.get(base(), path, user);
  }

  private HttpResponse<String> post(String path, String user, String form, String origin) {
    return PageRequests.post(base(), path, user, form, origin);
  }
}
