package org.pcm2.grants.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Accounts: an administrator adds a person, who gets a mail through a real SMTP server
 * (GreenMail) with a one-time link and no password, chooses their own password on the public
 * page and signs in; a link works once, until it expires, and only the newest; a forgotten
 * password gets the same answer for any name, and a mail only for an active person, at most
 * one in five minutes. Nobody but an administrator adds a person, and bad input adds nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountsIT extends PostgresIntegrationTest {

  // a port of its own: another test run may hold the usual one
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
      .withPerMethodLifecycle(false);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile("http://localhost:8080/account/password\\?token=([A-Za-z0-9_-]+)");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    registry.add("pcm.mail.enabled", () -> "true");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("pcm.mail.poll-interval", () -> "PT0.2S");
  }

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private IdentityService identity;
  @Autowired
  private ProcessEngine engine;

  @AfterEach
  void engineClockBack() {
    ClockUtil.reset();
  }

  @Test
  void anAdministratorAddsACommuneLeaderWhoChoosesTheirOwnPasswordThroughALinkThatWorksOnce(CapturedOutput output)
      throws Exception {
    HttpResponse<String> created = api("admin").postJson("/api/people", person("leader9", "Thảo", "Nguyễn Thị",
        "leader9@example.org", "COMMUNE_LEADER", "05743"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode person = JSON.readTree(created.body());
    assertThat(person.get("name").asText()).isEqualTo("Nguyễn Thị Thảo");
    assertThat(person.get("roles").toString()).isEqualTo("[\"COMMUNE_LEADER\"]");
    assertThat(person.get("communes").toString()).isEqualTo("[\"05743\"]");
    assertThat(person.get("active").asBoolean()).isTrue();
    assertThat(identity.createUserQuery().userId("leader9").memberOfGroup("commune05743").count()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT changed_by || ' ' || field || ' ' || after_value || ' ' || note FROM directory_change"
        + " WHERE subject_kind = 'PERSON' AND subject_code = 'leader9'").query(String.class).list())
        .containsExactly("admin active true communeLeaders commune05743");

    // the mail arrives through SMTP with a link and no password: no word of it signs the person in
    String mail = onlyMailTo("leader9@example.org");
    assertThat(mail).contains("Kính gửi Nguyễn Thị Thảo", "leader9", "Dear Nguyễn Thị Thảo");
    String token = token(mail);
    for (String word : mail.split("[\\s<>\"=]+")) {
      assertThat(isPassword("leader9", word)).as("a word of the mail is the password").isFalse();
    }
    // only the token's hash is stored; the person cannot sign in yet, with anything
    assertThat(jdbc.sql("SELECT token_hash FROM password_link WHERE user_id = 'leader9'").query(String.class).single())
        .isEqualTo(OneTimeTokens.hash(token)).isNotEqualTo(token);
    assertThat(new ApiClient(base(), "leader9", token).get("/api/subprojects").statusCode()).isEqualTo(401);
    assertThat(new ApiClient(base(), "leader9", "demo").get("/api/subprojects").statusCode()).isEqualTo(401);

    // the page: Vietnamese first, the same policy as the other pages, the address not passed on
    Browser browser = new Browser();
    HttpResponse<String> form = browser.get("/account/password?token=" + token);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("Chọn mật khẩu", "leader9").contains("name=\"_csrf\"");
    assertThat(form.body().indexOf("Chọn mật khẩu")).isLessThan(form.body().indexOf("Choose your password"));
    assertThat(form.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(form.headers().firstValue("Referrer-Policy")).contains("no-referrer");

    // without the page's CSRF token (another site's form) nothing happens
    HttpResponse<String> forged = new Browser().post("/account/password", Map.of("token", token,
        "password", "Hoa-sen-2026!", "repeat", "Hoa-sen-2026!"));
    assertThat(forged.statusCode()).isEqualTo(403);
    // two different passwords: refused, the link still works
    HttpResponse<String> differ = browser.post("/account/password", Map.of("token", token, "password",
        "Hoa-sen-2026!", "repeat", "Hoa-sen-2027!"));
    assertThat(differ.statusCode()).isEqualTo(400);
    assertThat(differ.body()).contains("hai lần nhập không giống nhau");
    assertThat(isPassword("leader9", "Hoa-sen-2026!")).isFalse();

    HttpResponse<String> chosen = browser.post("/account/password", Map.of("token", token, "password",
        "Hoa-sen-2026!", "repeat", "Hoa-sen-2026!"));
    assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
    assertThat(chosen.body()).contains("Đã lưu mật khẩu", "Danh sách việc", "/camunda/app/tasklist/");
    assertThat(isPassword("leader9", "Hoa-sen-2026!")).as("the check above can tell").isTrue();
    ApiClient leader9 = new ApiClient(base(), "leader9", "Hoa-sen-2026!");
    assertThat(leader9.get("/api/subprojects").statusCode()).isEqualTo(200);
    JsonNode found = JSON.readTree(api("officer1").get("/api/people?q=leader9").body());
    assertThat(found.at("/people/0/communes").toString()).isEqualTo("[\"05743\"]");
    assertThat(jdbc.sql("SELECT field || ' ' || note FROM directory_change WHERE subject_code = 'leader9'"
        + " AND changed_by = 'leader9'").query(String.class).list()).containsExactly("password INVITATION");

    // the same link a second time: refused with a page offering a new one, the password stays
    HttpResponse<String> again = browser.get("/account/password?token=" + token);
    assertThat(again.statusCode()).isEqualTo(410);
    assertThat(again.body()).contains("Liên kết đã được dùng", "/account/forgotten");
    HttpResponse<String> againPost = browser.post("/account/password", Map.of("token", token, "password",
        "Other-pass-2026!", "repeat", "Other-pass-2026!"));
    assertThat(againPost.statusCode()).isEqualTo(410);
    assertThat(isPassword("leader9", "Hoa-sen-2026!")).isTrue();
    assertThat(isPassword("leader9", "Other-pass-2026!")).isFalse();
    // a token that never was a link: 400 with a page, not a 500
    assertThat(browser.get("/account/password?token=nonsense").statusCode()).isEqualTo(400);
    assertThat(browser.get("/account/password").statusCode()).isEqualTo(400);

    // neither the token nor the password went to the log; the change log holds neither
    assertThat(output.getAll()).doesNotContain(token).doesNotContain("Hoa-sen-2026!");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_change WHERE before_value LIKE ? OR after_value LIKE ?"
        + " OR note LIKE ?").params("%" + token + "%", "%Hoa-sen%", "%Hoa-sen%").query(Long.class).single()).isZero();
  }

  @Test
  void aFreshInvitationReplacesTheOldLinkAndALinkPastItsSevenDaysIsRefused() throws Exception {
    assertThat(api("admin").postJson("/api/people", person("facilitator9", "Pá", "Lò Văn", "facilitator9@example.org",
        "FACILITATOR", null)).statusCode()).isEqualTo(201);
    String first = token(onlyMailTo("facilitator9@example.org"));
    assertThat(api("officer1").postJson("/api/people/facilitator9/invitation", "").statusCode()).isEqualTo(404);
    HttpResponse<String> again = api("admin").postJson("/api/people/facilitator9/invitation", "");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("facilitator9@example.org").size() == 2);
    String second = mailsTo("facilitator9@example.org").stream().map(AccountsIT::token).filter(t -> !t.equals(first))
        .findFirst().orElseThrow();

    Browser browser = new Browser();
    HttpResponse<String> replaced = browser.get("/account/password?token=" + first);
    assertThat(replaced.statusCode()).isEqualTo(410);
    assertThat(replaced.body()).contains("Đã có liên kết mới hơn");
    assertThat(browser.get("/account/password?token=" + second).statusCode()).isEqualTo(200);

    ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + Duration.ofDays(7).plusMinutes(1)
        .toMillis()));
    HttpResponse<String> expired = browser.get("/account/password?token=" + second);
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("Liên kết đã hết hạn", "/account/forgotten");
    HttpResponse<String> expiredPost = browser.post("/account/password", Map.of("token", second, "password",
        "Hoa-sen-2026!", "repeat", "Hoa-sen-2026!"));
    assertThat(expiredPost.statusCode()).isEqualTo(410);
    assertThat(isPassword("facilitator9", "Hoa-sen-2026!")).isFalse();
  }

  @Test
  void aForgottenPasswordGetsTheSameAnswerForAnyNameAndAMailOnlyForAnActivePersonOnceInFiveMinutes()
      throws Exception {
    Browser browser = new Browser();
    assertThat(browser.get("/account/forgotten").statusCode()).isEqualTo(200);
    HttpResponse<String> known = browser.post("/account/forgotten", Map.of("who", "leader3"));
    HttpResponse<String> unknown = browser.post("/account/forgotten", Map.of("who", "nobody99"));
    assertThat(known.statusCode()).isEqualTo(200);
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(known.body()).isEqualTo(unknown.body()).contains("Nếu tài khoản có và đang hoạt động");
    String mail = onlyMailTo("leader3@example.org");
    assertThat(mail).contains("Đặt lại mật khẩu", "leader3", "bỏ qua thư này");
    String reset = token(mail);

    // the address, in any case, finds the person too; a deactivated person gets nothing
    assertThat(browser.post("/account/forgotten", Map.of("who", "LEADER4@example.org")).body())
        .isEqualTo(unknown.body());
    assertThat(api("admin").postJson("/api/people/finance1/deactivate", "").statusCode()).isEqualTo(200);
    assertThat(browser.post("/account/forgotten", Map.of("who", "finance1")).body()).isEqualTo(unknown.body());
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("leader4@example.org").size() == 1);

    // asked again at once: the same answer, no second mail; five minutes later, a new link
    assertThat(browser.post("/account/forgotten", Map.of("who", "leader3")).body()).isEqualTo(unknown.body());
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> mailsTo("leader3@example.org").size() == 1);
    assertThat(mailsTo("finance1@example.org")).isEmpty();
    assertThat(mailsTo("nobody99@example.org")).isEmpty();

    // the reset link sets a new password; the old one no longer signs in
    HttpResponse<String> chosen = browser.post("/account/password", Map.of("token", reset, "password",
        "Hoa-mai-2026!", "repeat", "Hoa-mai-2026!"));
    assertThat(browser.get("/account/password?token=" + reset).statusCode()).isEqualTo(410);
    assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
    assertThat(new ApiClient(base(), "leader3", "Hoa-mai-2026!").get("/api/subprojects").statusCode()).isEqualTo(200);
    assertThat(new ApiClient(base(), "leader3", "demo").get("/api/subprojects").statusCode()).isEqualTo(401);

    // a reset link works for an hour
    ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + Duration.ofMinutes(6).toMillis()));
    browser.post("/account/forgotten", Map.of("who", "leader3"));
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("leader3@example.org").size() == 2);
    String later = mailsTo("leader3@example.org").stream().map(AccountsIT::token).filter(t -> !t.equals(reset))
        .findFirst().orElseThrow();
    ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + Duration.ofMinutes(67).toMillis()));
    HttpResponse<String> expired = browser.get("/account/password?token=" + later);
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("Liên kết đã hết hạn");
  }

  @Test
  void nobodyButAnAdministratorAddsAPersonAndDwcReadsThePeoplePageByPage() throws Exception {
    String body = person("officer9", "Lan", "Phạm Thị", "officer9@example.org", "DWC_OFFICER", null);
    for (String user : List.of("facilitator1", "officer1", "leader1", "director1")) {
      HttpResponse<String> refused = api(user).postJson("/api/people", body);
      assertThat(refused.statusCode()).as(user).isEqualTo(404);
    }
    assertThat(identity.createUserQuery().userId("officer9").count()).isZero();
    assertThat(outboxRowsTo("officer9@example.org")).isZero();

    assertThat(api("facilitator1").get("/api/people").statusCode()).isEqualTo(404);
    assertThat(api("leader1").get("/api/people").statusCode()).isEqualTo(404);
    JsonNode first = JSON.readTree(api("officer1").get("/api/people?q=thị&role=FACILITATOR&size=1").body());
    JsonNode second = JSON.readTree(api("admin").get("/api/people?q=THỊ&role=FACILITATOR&size=1&page=1").body());
    assertThat(first.get("total").asLong()).isEqualTo(2);
    assertThat(first.at("/people/0/id").asText()).isEqualTo("facilitator1");
    assertThat(second.at("/people/0/id").asText()).isEqualTo("facilitator3");
    assertThat(second.at("/people/0/roles").toString()).isEqualTo("[\"FACILITATOR\"]");
    JsonNode byAddress = JSON.readTree(api("officer1").get("/api/people?q=officer2@example").body());
    assertThat(byAddress.get("total").asLong()).isEqualTo(1);
    assertThat(byAddress.at("/people/0/name").asText()).isEqualTo("Vũ Đức Minh");
    // a person who left the programme: no groups, not active, and their open link no longer works
    assertThat(api("admin").postJson("/api/people/director1/invitation", "").statusCode()).isEqualTo(202);
    String invitation = token(onlyMailTo("director1@example.org"));
    assertThat(api("admin").postJson("/api/people/director1/deactivate", "").statusCode()).isEqualTo(200);
    JsonNode left = JSON.readTree(api("officer1").get("/api/people?q=director1").body());
    assertThat(left.at("/people/0/active").asBoolean()).isFalse();
    assertThat(left.at("/people/0/roles").size()).isZero();
    HttpResponse<String> inactive = new Browser().get("/account/password?token=" + invitation);
    assertThat(inactive.statusCode()).isEqualTo(410);
    assertThat(inactive.body()).contains("không còn hoạt động");
    assertThat(api("admin").postJson("/api/people/director1/invitation", "").statusCode()).isEqualTo(409);
    assertThat(api("admin").postJson("/api/people/nobody99/invitation", "").statusCode()).isEqualTo(404);
    HttpResponse<String> badPage = api("officer1").get("/api/people?role=MAYOR&size=500&page=-1");
    assertThat(badPage.statusCode()).isEqualTo(400);
    assertThat(fields(badPage)).containsExactlyInAnyOrder("role", "page", "size");
  }

  @Test
  void badInputNamesEachWrongFieldInBothLanguagesAndAddsNothing() throws Exception {
    ApiClient admin = api("admin");
    HttpResponse<String> bad = admin.postJson("/api/people", person("bad id!", " ", null, "not-an-address", "MAYOR",
        null));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(fields(bad)).containsExactlyInAnyOrder("id", "firstName", "lastName", "email", "role");
    assertThat(bad.body()).contains("địa chỉ thư không hợp lệ, ví dụ ten@example.org / not an email address");

    HttpResponse<String> noCommune = admin.postJson("/api/people", person("leader8", "An", "Hà Văn",
        "leader8@example.org", "COMMUNE_LEADER", null));
    assertThat(noCommune.statusCode()).isEqualTo(400);
    assertThat(fields(noCommune)).containsExactly("commune");
    assertThat(noCommune.body()).contains("bắt buộc với lãnh đạo xã", " / required for a commune leader");
    for (String notACommune : List.of("99999", "19", "167")) { // no such code, a province, a district
      HttpResponse<String> refused = admin.postJson("/api/people", person("leader8", "An", "Hà Văn",
          "leader8@example.org", "COMMUNE_LEADER", notACommune));
      assertThat(refused.statusCode()).as(notACommune).isEqualTo(400);
      assertThat(fields(refused)).containsExactly("commune");
    }
    HttpResponse<String> communeForFacilitator = admin.postJson("/api/people", person("leader8", "An", "Hà Văn",
        "leader8@example.org", "FACILITATOR", "05740"));
    assertThat(fields(communeForFacilitator)).containsExactly("commune");
    HttpResponse<String> addressTaken = admin.postJson("/api/people", person("leader8", "An", "Hà Văn",
        "Leader1@example.org", "COMMUNE_LEADER", "05740"));
    assertThat(addressTaken.statusCode()).isEqualTo(400);
    assertThat(fields(addressTaken)).containsExactly("email");
    HttpResponse<String> taken = admin.postJson("/api/people", person("leader1", "An", "Hà Văn",
        "leader8@example.org", "COMMUNE_LEADER", "05740"));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).contains("Đã có người dùng leader1");

    assertThat(identity.createUserQuery().userIdIn("leader8", "badid").count()).isZero();
    assertThat(outboxRowsTo("leader8@example.org")).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM directory_change WHERE subject_code IN ('leader8', 'leader1')")
        .query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM password_link WHERE user_id IN ('leader8', 'leader1')")
        .query(Long.class).single()).isZero();
    assertThat(isPassword("leader1", "demo")).as("the demo password stays").isTrue();
  }

  @Test
  void underThePasswordPolicyAWeakPasswordIsRefusedNamingEachRuleAndTheLinkStillWorks() throws Exception {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.setPasswordPolicy(new DefaultPasswordPolicyImpl());
    configuration.setEnablePasswordPolicy(true);
    try {
      // the password nobody knows passes the policy too, even for a one-letter id
      HttpResponse<String> created = api("admin").postJson("/api/people", person("t", "Tú", "Đinh Văn",
          "t@example.org", "DWC_FINANCE", null));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String token = token(onlyMailTo("t@example.org"));
      Browser browser = new Browser();
      HttpResponse<String> form = browser.get("/account/password?token=" + token);
      assertThat(form.body()).contains("ít nhất 10 ký tự", "at least 10 characters");

      HttpResponse<String> weak = browser.post("/account/password", Map.of("token", token, "password", "hoasen",
          "repeat", "hoasen"));
      assertThat(weak.statusCode()).isEqualTo(400);
      assertThat(weak.body()).contains("ít nhất 10 ký tự / at least 10 characters", "ít nhất 1 chữ hoa",
          "ít nhất 1 chữ số", "ít nhất 1 ký tự đặc biệt");
      assertThat(isPassword("t", "hoasen")).isFalse();

      HttpResponse<String> strong = browser.post("/account/password", Map.of("token", token, "password",
          "Hoa-sen-2026!", "repeat", "Hoa-sen-2026!"));
      assertThat(strong.statusCode()).as(strong.body()).isEqualTo(200);
      assertThat(isPassword("t", "Hoa-sen-2026!")).isTrue();
    } finally {
      configuration.setEnablePasswordPolicy(false);
    }
  }

  /** Whether the candidate is the person's password, by the stored hash (no sign-in, so no lock or wait). */
  private boolean isPassword(String userId, String candidate) {
    Map<String, Object> stored = jdbc.sql("SELECT pwd_, salt_ FROM act_id_user WHERE id_ = ?").param(userId).query()
        .singleRow();
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getPasswordManager().check(EncryptionUtil.saltPassword(candidate, (String) stored.get("salt_")),
        (String) stored.get("pwd_"));
  }

  private String base() {
    return "http://localhost:" + port;
  }

  private ApiClient api(String user) {
    return new ApiClient(base(), user, "demo");
  }

  private static String person(String id, String firstName, String lastName, String email, String role,
      String commune) throws Exception {
    Map<String, String> person = new LinkedHashMap<>();
    person.put("id", id);
    person.put("firstName", firstName);
    person.put("lastName", lastName);
    person.put("email", email);
    person.put("role", role);
    person.put("commune", commune);
    return JSON.writeValueAsString(person);
  }

  private static List<String> fields(HttpResponse<String> problem) throws Exception {
    return JSON.readTree(problem.body()).get("errors").findValuesAsText("field");
  }

  private long outboxRowsTo(String address) {
    return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient_email = ?").param(address).query(Long.class)
        .single();
  }

  /** The one mail that arrives for the address (waiting for it), decoded. */
  private static String onlyMailTo(String address) {
    await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(address).size() == 1);
    return mailsTo(address).get(0);
  }

  private static List<String> mailsTo(String address) {
    return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> to(m).equals(address)).map(AccountsIT::decoded)
        .toList();
  }

  private static String token(String mail) {
    Matcher link = LINK.matcher(mail);
    assertThat(link.find()).as("a link in the mail").isTrue();
    return link.group(1);
  }

  private static String to(MimeMessage message) {
    try {
      return message.getAllRecipients()[0].toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String decoded(MimeMessage message) {
    try {
      StringBuilder out = new StringBuilder(message.getSubject()).append('\n');
      collect(message.getContent(), out);
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(Object content, StringBuilder out) throws Exception {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i).getContent(), out);
      }
    } else {
      out.append(content);
    }
  }

  /** A browser on the account pages: keeps its session cookie and sends the form's CSRF token back. */
  private final class Browser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrf;

    HttpResponse<String> get(String path) throws Exception {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      Matcher token = CSRF.matcher(response.body());
      if (token.find()) {
        csrf = token.group(1);
      }
      return response;
    }

    /** Posts the form with the CSRF token of the last page read (none if no page was read). */
    HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
      if (csrf == null && path.equals("/account/forgotten")) {
        get(path);
      }
      Map<String, String> form = new LinkedHashMap<>(fields);
      if (csrf != null) {
        form.put("_csrf", csrf);
      }
      String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher token = CSRF.matcher(response.body());
      if (token.find()) {
        csrf = token.group(1);
      }
      return response;
    }
  }
}
