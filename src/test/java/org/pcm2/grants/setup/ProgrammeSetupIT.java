package org.pcm2.grants.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.RequiresPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A new installation, as DWC would set it up: the {@code prod} profile on an empty
 * PostgreSQL database, its administrator alone. The people are made as in Camunda Admin, the
 * directory comes from the demo's CSV files through the API (a bad file refused whole, a
 * second import changing nothing), an officer opens a cycle; then a sub-project runs to its
 * first tranche, its group changes facilitator and the new one confirms the receipt while
 * the old one finds nothing; a commune leader is replaced in the middle of a review.
 */
@ExtendWith(RequiresPostgres.class)
class ProgrammeSetupIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "quantri";
  private static final String PASSWORD = "Hoa-Sen-2026!";
  private static final String GROUP = "CBG0574005";
  private static final String COMMUNE = "05740";

  @Test
  void anEmptyInstallationIsSetUpFromTheCsvFilesAndItsPeopleChangeMidCycle() throws Exception {
    String url = PostgresDatabase.freshDatabase("pcm_it_setup");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PcmGrantsApplication.class)
        .profiles("postgres", "prod").run("--server.port=0", "--management.server.port=0",
            "--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresDatabase.USER,
            "--spring.datasource.password=" + PostgresDatabase.PASSWORD, "--pcm.mail.enabled=false",
            "--pcm.admin.user=" + ADMIN, "--pcm.admin.password=" + PASSWORD)) {
      String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      IdentityService identity = app.getBean(IdentityService.class);
      ApiClient admin = new ApiClient(base, ADMIN, PASSWORD);
      assertThat(count(admin, "places")).isZero();

      // the people, as an administrator makes them in Camunda Admin
      person(identity, "facilitator1", "facilitators");
      person(identity, "facilitator2", "facilitators");
      person(identity, "facilitator3", "facilitators");
      person(identity, "facilitator4", "facilitators");
      person(identity, "officer1", "dwcOfficers");
      person(identity, "finance1", "dwcFinance");
      person(identity, "director1", "dwcDirectors");

      // a bad file is refused whole, each bad row named; nothing is written
      HttpResponse<String> bad = admin.post("/api/directory/places.csv?apply=true", "text/csv",
          demo("places.csv") + "9999;;TOWN;Phố\n9998;4242;COMMUNE;Xã Lạc\n");
      assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
      assertThat(bad.body()).contains("places.csv:197:kind").contains("places.csv:198:parent");
      assertThat(count(admin, "places")).isZero();

      // the demo directory from its files, places first; each file a second time changes nothing
      for (String file : List.of("places.csv", "schools.csv", "groups.csv")) {
        HttpResponse<String> applied = admin.post("/api/directory/" + file + "?apply=true", "text/csv", demo(file));
        assertThat(applied.statusCode()).as(file + ": " + applied.body()).isEqualTo(200);
        assertThat(JSON.readTree(applied.body()).get("created").size()).as(file)
            .isEqualTo(lines(demo(file)) - 1);
        JsonNode again = JSON.readTree(admin.post("/api/directory/" + file + "?apply=true", "text/csv", demo(file))
            .body());
        assertThat(again.get("created")).isEmpty();
        assertThat(again.get("changed")).isEmpty();
        assertThat(again.get("unchanged").asInt()).isEqualTo(lines(demo(file)) - 1);
        // the export gives back what the import took (in code order)
        assertThat(admin.get("/api/directory/" + file).body().lines().sorted().toList())
            .isEqualTo(demo(file).lines().filter(l -> !l.isBlank()).sorted().toList());
      }
      // the commune's leaders group came with the commune
      assertThat(identity.createGroupQuery().groupId("commune" + COMMUNE).count()).isOne();
      person(identity, "leader1", "communeLeaders", "commune" + COMMUNE);
      person(identity, "leader2", "communeLeaders", "commune" + COMMUNE);

      // an officer opens the cycle and gives the commune its envelope
      ApiClient officer = new ApiClient(base, "officer1", PASSWORD);
      HttpResponse<String> cycle = officer.postJson("/api/cycles", "{\"code\":\"CM-2026-1\",\"fundCode\":\"CM\","
          + "\"name\":\"Quỹ QLCĐ, đợt 1\",\"opensOn\":\"2026-01-01\",\"closesOn\":\"2099-12-31\"}");
      assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(201);
      assertThat(officer.putJson("/api/cycles/CM-2026-1/envelopes/" + COMMUNE, "{\"amount\":150000000}")
          .statusCode()).isEqualTo(200);

      // a sub-project to its first tranche: the receipt waits for the group's facilitator
      String code = submit(base, GROUP, "Đường bê tông xóm Khuôn Ngục");
      for (String[] step : List.of(GrantCycleSteps.STEPS).subList(0, 3)) {
        HttpResponse<String> done = new ApiClient(base, GrantCycleSteps.user(step, "leader1"), PASSWORD)
            .postJson("/api/subprojects/" + code + "/tasks/" + step[1], step[2]);
        assertThat(done.statusCode()).as(step[1] + ": " + done.body()).isEqualTo(204);
      }
      ApiClient before = new ApiClient(base, "facilitator1", PASSWORD);
      assertThat(before.get("/api/subprojects/" + code).statusCode()).isEqualTo(200);

      HttpResponse<String> handed = admin.putJson("/api/groups/" + GROUP + "/facilitator",
          "{\"facilitatorId\":\"facilitator3\"}");
      assertThat(handed.statusCode()).as(handed.body()).isEqualTo(200);
      assertThat(before.get("/api/subprojects/" + code).statusCode()).isEqualTo(404);
      assertThat(before.postJson("/api/subprojects/" + code + "/tasks/UserTask_ConfirmReceipt",
          GrantCycleSteps.STEPS[3][2]).statusCode()).isEqualTo(404);
      HttpResponse<String> confirmed = new ApiClient(base, "facilitator3", PASSWORD).postJson("/api/subprojects/"
          + code + "/tasks/UserTask_ConfirmReceipt", GrantCycleSteps.STEPS[3][2]);
      assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
      // the export says who serves the group now; imported again it changes nothing
      String groups = admin.get("/api/directory/groups.csv").body();
      assertThat(groups).contains(GROUP + ";CBG;Nhóm cộng đồng Xóm Khuôn Ngục, Hoàng Nông;0574005;facilitator3;");
      assertThat(JSON.readTree(admin.post("/api/directory/groups.csv?apply=true", "text/csv", groups).body())
          .get("changed")).isEmpty();

      // a leader claims a review and is replaced before finishing it: the step goes back to the commune
      String second = submit(base, "CBG0574006", "Giếng nước xóm Đồng Đình");
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      assertThat(jdbc.sql("SELECT stage FROM subproject WHERE code = ?").param(second).query(String.class).single())
          .isEqualTo("IN_REVIEW");
      String review = jdbc.sql("SELECT t.id_ FROM act_ru_task t JOIN subproject s ON s.process_instance_id ="
          + " t.proc_inst_id_ WHERE s.code = ? AND t.task_def_key_ = 'UserTask_ReviewProposal'").param(second)
          .query(String.class).single();
      ApiClient leader1 = new ApiClient(base, "leader1", PASSWORD);
      assertThat(leader1.postJson("/engine-rest/task/" + review + "/claim", "{\"userId\":\"leader1\"}")
          .statusCode()).isEqualTo(204);
      assertThat(admin.delete("/engine-rest/group/commune" + COMMUNE + "/members/leader1").statusCode())
          .isEqualTo(204);
      assertThat(jdbc.sql("SELECT assignee_ FROM act_ru_task WHERE id_ = ?").param(review)
          .query((row, i) -> java.util.Optional.ofNullable(row.getString(1))).single()).isEmpty();
      assertThat(leader1.get("/api/subprojects/" + second).statusCode()).isEqualTo(404);
      HttpResponse<String> reviewed = new ApiClient(base, "leader2", PASSWORD).postJson("/api/subprojects/" + second
          + "/tasks/UserTask_ReviewProposal", GrantCycleSteps.STEPS[0][2]);
      assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(204);
    }
  }

  private static String submit(String base, String group, String title) throws Exception {
    HttpResponse<String> created = new ApiClient(base, "facilitator1", PASSWORD).submitProposal(
        JSON.writeValueAsString(Proposals.valid(group, title)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("code").asText();
  }

  private static void person(IdentityService identity, String id, String... groups) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setFirstName(id);
      user.setLastName("PCM");
      user.setEmail(id + "@example.org");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
    }
    for (String group : groups) {
      identity.createMembership(id, group);
    }
  }

  private static long count(ApiClient admin, String list) throws Exception {
    return JSON.readTree(admin.get("/api/directory/" + list + "/search?size=1").body()).get("total").asLong();
  }

  private static String demo(String file) throws Exception {
    return new ClassPathResource("demo/" + file).getContentAsString(StandardCharsets.UTF_8);
  }

  private static int lines(String csv) {
    return (int) csv.lines().filter(l -> !l.isBlank()).count();
  }
}
