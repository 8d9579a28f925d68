package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.RequiresPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile on PostgreSQL: it refuses to start without an administrator secret,
 * and with one it starts with that administrator alone, no demo data and no demo users.
 */
@ExtendWith({RequiresPostgres.class, OutputCaptureExtension.class})
class ProductionProfileIT {

  private static ConfigurableApplicationContext start(String url, String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "--server.port=0";
    args[1] = "--spring.datasource.url=" + url;
    args[2] = "--spring.datasource.username=" + PostgresDatabase.USER;
    args[3] = "--spring.datasource.password=" + PostgresDatabase.PASSWORD;
    args[4] = "--pcm.mail.enabled=false";
    System.arraycopy(more, 0, args, 5, more.length);
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
}
