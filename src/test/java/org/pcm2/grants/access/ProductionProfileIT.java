package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.RequiresPostgres;
import org.pcm2.grants.support.WebappSession;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile on PostgreSQL: it refuses to start without an administrator secret,
 * and with one it starts with that administrator alone, no demo data and no demo users; its
 * server errors say nothing of the failure but a reference that is in the log.
 */
@ExtendWith({RequiresPostgres.class, OutputCaptureExtension.class})
class ProductionProfileIT {

  private static ConfigurableApplicationContext start(String url, String... more) {
    String[] args = new String[6 + more.length];
    args[0] = "--server.port=0";
    args[1] = "--spring.datasource.url=" + url;
    args[2] = "--spring.datasource.username=" + PostgresDatabase.USER;
    args[3] = "--spring.datasource.password=" + PostgresDatabase.PASSWORD;
    args[4] = "--pcm.mail.enabled=false";
    args[5] = "--management.server.port=0";
    System.arraycopy(more, 0, args, 6, more.length);
    return new SpringApplicationBuilder(PcmGrantsApplication.class).profiles("postgres", "prod").run(args);
  }

  @Test
  void refusesToStartWithoutAnAdministratorSecret(CapturedOutput output) {
    String url = PostgresDatabase.freshDatabase("pcm_it_prod");
    assertThatThrownBy(() -> start(url, "--pcm.admin.user=quantri", "--pcm.admin.password=")).isNotNull();
    assertThat(output).contains("PCM_ADMIN_PASSWORD").contains("Cấu hình sai / Invalid setting");
  }

  @Test
  void startsWithTheAdministratorAloneAndNoDemo() {
    String url = PostgresDatabase.freshDatabase("pcm_it_prod");
    try (ConfigurableApplicationContext app = start(url, "--pcm.admin.user=quantri",
        "--pcm.admin.password=Hoa-Sen-2026!")) {
      IdentityService identity = app.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("quantri");
      assertThat(identity.createUserQuery().userId("quantri").memberOfGroup("camunda-admin").count()).isEqualTo(1);
      assertThat(identity.createGroupQuery().groupId("dwcOfficers").count()).isEqualTo(1);
      assertThat(app.getBean(DirectoryService.class).communes()).isEmpty();
      String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      assertThat(new ApiClient(base, "quantri", "Hoa-Sen-2026!").get("/engine-rest/user").statusCode()).isEqualTo(200);
      assertThat(new ApiClient(base, "facilitator1", "demo").get("/engine-rest/task").statusCode()).isEqualTo(401);
      assertThat(new ApiClient(base, "admin", "admin").get("/engine-rest/task").statusCode()).isEqualTo(401);
      // the password policy is on: a weak password for a new user is refused
      var weak = new ApiClient(base, "quantri", "Hoa-Sen-2026!").postJson("/engine-rest/user/create",
          "{\"profile\":{\"id\":\"leader9\"},\"credentials\":{\"password\":\"demo\"}}");
      assertThat(weak.statusCode()).isEqualTo(400);
      assertThat(weak.body()).contains("password: mật khẩu cần ít nhất 10 ký tự");
      assertThat(identity.createUserQuery().userId("leader9").count()).isZero();
      // served behind HTTPS: the webapps' cookies are Secure
      assertThat(new ApiClient(base, null, null).get("/camunda/app/tasklist/default/").headers()
          .allValues("Set-Cookie")).isNotEmpty().allSatisfy(c -> assertThat(c).contains("Secure"));
    }
  }

  @Test
  void serverErrorsOfTheEngineApisSayOnlyAReferenceThatIsInTheLog(CapturedOutput output) throws Exception {
    String url = PostgresDatabase.freshDatabase("pcm_it_prod");
    // plain HTTP for this trial, so that the webapps' session cookie travels back
    try (ConfigurableApplicationContext app = start(url, "--pcm.admin.user=quantri",
        "--pcm.admin.password=Hoa-Sen-2026!", "--pcm.https=false")) {
      IdentityService identity = app.getBean(IdentityService.class);
      User officer = identity.newUser("hanh");
      officer.setPassword("Sen-Vang-2026!");
      identity.saveUser(officer);
      identity.createMembership("hanh", "dwcOfficers");
      String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
      // a decision evaluated without its inputs: the engine fails inside (500, "Unknown property ... fundCode")
      String evaluate = "/decision-definition/key/approvalRouting/evaluate";
      HttpResponse<String> viaEngineRest = new ApiClient(base, "hanh", "Sen-Vang-2026!")
          .postJson("/engine-rest" + evaluate, "{\"variables\":{}}");
      HttpResponse<String> viaWebapps = WebappSession.login(base, "hanh", "Sen-Vang-2026!")
          .post(evaluate, Map.of("variables", Map.of()));
      for (HttpResponse<String> answer : List.of(viaEngineRest, viaWebapps)) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
        JsonNode body = WebappSession.parse(answer.body());
        String reference = body.get("reference").asText();
        assertThat(reference).matches("[0-9a-f]{12}");
        assertThat(body.get("message").asText()).contains("Lỗi hệ thống").contains("Unexpected error")
            .contains(reference);
        assertThat(answer.body()).doesNotContainIgnoringCase("fundCode").doesNotContain("approvalRouting")
            .doesNotContain("Exception").doesNotContain("Cannot evaluate");
        // the log (one JSON object a line in prod) has the reference with the exception and its
        // stack trace (the exception may come wrapped by the REST layer)
        JsonNode line = output.getAll().lines().filter(l -> l.startsWith("{") && l.contains(reference))
            .map(WebappSession::parse).findFirst().orElseThrow(() -> new AssertionError("no log line with " + reference));
        assertThat(line.get("message").asText()).matches("Server error, reference " + reference
            + ": POST /\\S*/evaluate answered 500");
        assertThat(line.get("log").get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("error").get("stack_trace").asText()).contains("Cannot evaluate decision")
            .containsPattern("\\R\\s+at ");
      }
      // what the engine refuses on purpose keeps its words
      HttpResponse<String> unknown = new ApiClient(base, "hanh", "Sen-Vang-2026!")
          .postJson("/engine-rest/decision-definition/key/noSuchDecision/evaluate", "{\"variables\":{}}");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("noSuchDecision");
    }
  }
}
