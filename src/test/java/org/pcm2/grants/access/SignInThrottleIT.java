package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A stranger's wrong passwords slow down the stranger's own address for that account, at
 * every door that checks a password, and never keep the person out: the person signs in from
 * their own address at once, nothing is locked for good, and an administrator's "Unlock user"
 * clears the wait. The two clients are two loopback addresses (127.0.0.2 the stranger,
 * 127.0.0.1 the person), as the server sees them; no forwarded header is involved.
 */
@TestPropertySource(properties = {"pcm.sign-in.free-failures=3", "pcm.sign-in.first-delay=PT1M"})
class SignInThrottleIT extends PostgresIntegrationTest {

  private static final String STRANGER = "127.0.0.2";
  private static final String PERSON = "127.0.0.1";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private IdentityService identity;
  @Autowired
  private ProcessEngineConfigurationImpl engine;

  @Test
  void aStrangersWrongPasswordsOnTheApiSlowDownOnlyTheStranger() throws IOException {
    assertStrangerSlowedDownAndPersonServed("officer2", "/api/cycles");
  }

  @Test
  void aStrangersWrongPasswordsOnEngineRestSlowDownOnlyTheStranger() throws IOException {
    assertStrangerSlowedDownAndPersonServed("finance1", "/engine-rest/task/count");
  }

  @Test
  void aStrangersWrongPasswordsOnTheReportPagesSlowDownOnlyTheStranger() throws IOException {
    assertStrangerSlowedDownAndPersonServed("officer1", "/reports/portfolio");
  }

  @Test
  void aStrangersWrongPasswordsOnTheWebappLoginSlowDownOnlyTheStranger() throws IOException {
    List<Answer> stranger = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      stranger.add(webappLogin(STRANGER, "director1", "doan-" + i));
    }
    assertSlowedDown(stranger);
    assertThat(webappLogin(STRANGER, "director1", "demo").status()).isEqualTo(429);
    assertThat(webappLogin(PERSON, "director1", "demo").status()).isEqualTo(200);
    assertNotLocked("director1");
  }

  @Test
  void anAdministratorsUnlockClearsTheWait() throws IOException {
    for (int i = 0; i < 5; i++) {
      basic(STRANGER, "GET", "/api/cycles", "leader2", "doan-" + i);
    }
    assertThat(basic(STRANGER, "GET", "/api/cycles", "leader2", "demo").status()).isEqualTo(429);

    // Admin's "Unlock user" (the webapp calls the same engine API)
    assertThat(basic(PERSON, "POST", "/engine-rest/user/leader2/unlock", "admin", "demo").status()).isEqualTo(204);

    assertThat(basic(STRANGER, "GET", "/api/cycles", "leader2", "demo").status()).isEqualTo(200);
  }

  private void assertStrangerSlowedDownAndPersonServed(String user, String path) throws IOException {
    List<Answer> stranger = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      stranger.add(basic(STRANGER, "GET", path, user, "doan-" + i));
    }
    assertSlowedDown(stranger);
    // even the right password waits, from the stranger's address
    assertThat(basic(STRANGER, "GET", path, user, "demo").status()).isEqualTo(429);
    // the person, from their own address, is not held back at all
    assertThat(basic(PERSON, "GET", path, user, "demo").status()).isEqualTo(200);
    assertNotLocked(user);
  }

  /** Three free failures, a fourth that starts the wait, then 429 with Retry-After and a bilingual body. */
  private static void assertSlowedDown(List<Answer> answers) {
    assertThat(answers.subList(0, 4)).extracting(Answer::status).containsOnly(401);
    for (Answer throttled : answers.subList(4, answers.size())) {
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(Long.parseLong(throttled.headers().get("retry-after"))).isBetween(1L, 60L);
      assertThat(throttled.body()).contains("Tạm dừng đăng nhập").contains("Too many failed sign-ins");
    }
  }

  /** Camunda holds no lock on the account, now or for good. */
  private void assertNotLocked(String user) {
    assertThat(engine.getLoginMaxAttempts()).isGreaterThan(1_000_000);
    Timestamp lockedUntil = jdbc.sql("SELECT lock_exp_time_ FROM act_id_user WHERE id_ = ?").param(user)
        .query(Timestamp.class).optional().orElse(null);
    assertThat(lockedUntil == null || !lockedUntil.after(new Timestamp(System.currentTimeMillis()))).isTrue();
    assertThat(identity.checkPassword(user, "demo")).isTrue();
  }

  private Answer basic(String from, String method, String path, String user, String password) throws IOException {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return send(from, method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic "
        + credentials + "\r\nAccept: */*\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }

  /** The webapps' login as the login page sends it, with its session and CSRF cookie. */
  private Answer webappLogin(String from, String user, String password) throws IOException {
    Answer page = send(from, "GET /camunda/app/tasklist/default/ HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nConnection: close\r\n\r\n");
    String cookies = String.join("; ", page.cookies());
    String csrf = page.cookies().stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
        .substring("XSRF-TOKEN=".length());
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(from, "POST /camunda/api/admin/auth/user/default/login/tasklist HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nCookie: " + cookies + "\r\nX-XSRF-TOKEN: " + csrf
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
        + form.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + form);
  }

  /** One HTTP/1.1 exchange from the given local address (HttpClient cannot choose it on Java 17). */
  private Answer send(String from, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String[] head = response.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      List<String> cookies = new ArrayList<>();
      for (int i = 1; i < head.length; i++) {
        String name = head[i].substring(0, head[i].indexOf(':')).trim().toLowerCase();
        String value = head[i].substring(head[i].indexOf(':') + 1).trim();
        headers.put(name, value);
        if (name.equals("set-cookie")) {
          cookies.add(value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';')));
        }
      }
      return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, cookies, response.substring(end + 4));
    }
  }

  private record Answer(int status, Map<String, String> headers, List<String> cookies, String body) {
  }
}
