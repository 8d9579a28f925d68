package org.pcm2.grants.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.PageRequests;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.TasklistBrowser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The people pages in a real browser (Debian's Chromium): a DWC administrator adds a commune
 * leader (a wrong field named beside its input first, what was typed kept), finds them,
 * sends the invitation again and deactivates people, a facilitator who still serves groups
 * refused with links to the groups to hand over. An officer reads the list without the
 * forms; nobody else finds the pages, and no other site's form writes through them.
 */
class PeoplePagesIT extends PostgresIntegrationTest {

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;

  private String base() {
    return "http://localhost:" + port;
  }

  @Test
  void anAdministratorAddsALeaderFindsThemInvitesThemAgainAndDeactivatesPeople() {
    TasklistBrowser.requireInstalled();
    try (TasklistBrowser browser = new TasklistBrowser(base())) {
      browser.signedIn("admin", "admin", "demo");
      browser.open("/directory/places");
      browser.clickOn("#nav-people");
      browser.waitFor("#add");
      assertThat(browser.texts("#rows tbody td:first-child")).contains("leader1", "officer1", "admin");

      // a commune that is not in the directory: named beside its input, what was typed kept
      browser.type("#add input[name=id]", "leader9");
      browser.type("#add input[name=lastName]", "Nguyễn Thị");
      browser.type("#add input[name=firstName]", "Thảo");
      browser.type("#add input[name=email]", "leader9@example.org");
      browser.selectValue("#add select[name=role]", "COMMUNE_LEADER");
      browser.type("#add input[name=commune]", "99999");
      browser.clickOn("#add-person");
      browser.waitFor("#error-commune");
      assertThat(browser.texts("#error-commune")).singleElement().asString()
          .startsWith("không có xã mã 99999 trong danh mục / no commune with code 99999");
      assertThat(browser.texts(".field-error")).hasSize(1);
      assertThat(browser.valueOf("#add input[name=id]")).isEqualTo("leader9");
      assertThat(browser.valueOf("#add input[name=lastName]")).isEqualTo("Nguyễn Thị");
      assertThat(browser.valueOf("#add select[name=role]")).isEqualTo("COMMUNE_LEADER");
      browser.screenshot("people-add-refused");
      assertThat(users("leader9")).isZero();
      assertThat(outboxRowsTo("leader9@example.org")).isZero();

      browser.type("#add input[name=commune]", "05743");
      browser.clickOn("#add-person");
      browser.waitFor("#added");
      assertThat(browser.texts("#added")).singleElement().asString().contains("leader9");
      assertThat(groupsOf("leader9")).containsExactly("commune05743", "communeLeaders");
      assertThat(outboxRowsTo("leader9@example.org")).isOne();

      // found by a part of the name, in any case, with roles and commune
      browser.open("/directory/people");
      browser.type("input[name=q]", "THẢO");
      browser.clickOn("#search");
      browser.waitFor("#person-leader9");
      assertThat(browser.texts("#rows tbody td:first-child")).containsExactly("leader9");
      assertThat(browser.texts("#person-leader9 td")).contains("Nguyễn Thị Thảo", "05743", "Có / yes");
      browser.screenshot("people-found");

      browser.clickOn("#person-leader9 .reinvite");
      browser.waitFor("#invited");
      assertThat(outboxRowsTo("leader9@example.org")).isEqualTo(2);

      // a facilitator who still serves groups: refused, each group linked to its handover page
      browser.open("/directory/people/facilitator4/deactivate");
      browser.clickOn("#confirm-deactivation");
      browser.waitFor("#refusal");
      assertThat(browser.text()).contains("facilitator4 còn phụ trách các nhóm");
      List<String> served = browser.texts("#served a.served-group");
      assertThat(served).isNotEmpty().allMatch(code -> code.startsWith("CBG") || code.startsWith("HS"));
      assertThat(browser.attribute("#served a.served-group", "href")).isEqualTo("/directory/groups/" + served.get(0));
      browser.screenshot("people-deactivation-refused");
      assertThat(groupsOf("facilitator4")).containsExactly("facilitators");

      browser.open("/directory/people?q=leader9");
      browser.clickOn("#person-leader9 .deactivate");
      browser.waitFor("#confirm");
      assertThat(groupsOf("leader9")).as("opening the confirmation changes nothing").hasSize(2);
      browser.clickOn("#confirm-deactivation");
      browser.waitFor("#deactivated");
      assertThat(browser.texts("#person-leader9 td.active")).containsExactly("Không / no");
      assertThat(browser.texts("#person-leader9 .reinvite")).isEmpty();
    }
    assertThat(groupsOf("leader9")).isEmpty();
    assertThat(jdbc.sql("SELECT changed_by || ' ' || field || ' ' || COALESCE(after_value, '') FROM directory_change"
        + " WHERE subject_kind = 'PERSON' AND subject_code = 'leader9' ORDER BY id").query(String.class).list())
        .containsExactly("admin active true", "admin invitation sent", "admin active false");
  }

  @Test
  void anOfficerReadsTheListWithoutTheFormsAndNobodyElseFindsThePages() throws Exception {
    HttpResponse<String> officer = get("/directory/people?role=COMMUNE_LEADER", "officer1");
    assertThat(officer.statusCode()).isEqualTo(200);
    assertThat(officer.body()).contains("id=\"person-leader1\"", "id=\"person-leader4\"", "05740")
        .doesNotContain("id=\"person-officer1\"", "id=\"add\"", "reinvite", "/deactivate");
    assertThat(get("/directory/places", "officer1").body()).contains("nav-people");
    for (String person : List.of("facilitator1", "leader1")) {
      assertThat(get("/directory/people", person).statusCode()).as(person).isEqualTo(404);
    }
    assertThat(get("/directory/people/officer2/deactivate", "officer1").statusCode()).isEqualTo(404);
    assertThat(get("/directory/people", null).statusCode()).isEqualTo(401);
    // the people file is one of the import page's files
    assertThat(get("/directory/import", "admin").body()).contains("<option value=\"PEOPLE\">people.csv</option>");
  }

  @Test
  void aFormFromAnotherSiteOrWithoutItsTokenChangesNothing() throws Exception {
    String person = "id=forged1&firstName=A&lastName=B&email=forged1%40example.org&role=DWC_OFFICER&commune=";
    // another site's page posting through the administrator's remembered sign-in
    assertThat(post("/directory/people", "admin", person, "http://evil.example").statusCode()).isEqualTo(403);
    assertThat(post("/directory/people/officer2/deactivate", "admin", "", "http://evil.example").statusCode())
        .isEqualTo(403);
    assertThat(post("/directory/people/officer2/invitation", "admin", "", "http://evil.example").statusCode())
        .isEqualTo(403);
    // the right origin but no token from the page
    assertThat(post("/directory/people", "admin", person, null).statusCode()).isEqualTo(403);
    assertThat(post("/directory/people/officer2/deactivate", "admin", "", null).statusCode()).isEqualTo(403);
    // and an officer, whatever they send
    assertThat(post("/directory/people/officer2/deactivate", "officer1", "", null).statusCode()).isIn(403, 404);

    assertThat(users("forged1")).isZero();
    assertThat(groupsOf("officer2")).containsExactly("dwcOfficers");
    assertThat(outboxRowsTo("officer2@example.org")).isZero();
  }

  private long users(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM act_id_user WHERE id_ = ?").param(id).query(Long.class).single();
  }

  private List<String> groupsOf(String id) {
    return jdbc.sql("SELECT group_id_ FROM act_id_membership WHERE user_id_ = ? ORDER BY group_id_").param(id)
        .query(String.class).list();
  }

  private long outboxRowsTo(String address) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient_email = ?").param(address).query(Long.class)
        .single();
  }

  private HttpResponse<String> get(String path, String user) {
    return PageRequests.get(base(), path, user);
  }

  private HttpResponse<String> post(String path, String user, String form, String origin) {
    return PageRequests.post(base(), path, user, form, origin);
  }
}
