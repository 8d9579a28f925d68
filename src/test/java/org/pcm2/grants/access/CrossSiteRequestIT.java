package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.TasklistBrowser;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A page of another site cannot act through the API with the credentials a person's browser
 * remembers, proved in Debian's Chromium: a page served from another origin posts to close a
 * funding cycle, by a script's {@code fetch} with {@code credentials: 'include'} and by a form,
 * and the cycle stays open. The same
 * request from the application's own page, and from a command-line client, is carried out.
 */
@ExtendWith(OutputCaptureExtension.class)
class CrossSiteRequestIT extends PostgresIntegrationTest {

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  private HttpServer otherSite;

  @BeforeAll
  static void chromiumFromDebian() {
    TasklistBrowser.requireInstalled();
  }

  /** Another site: one page whose script posts to the application with the browser's credentials. */
  @BeforeEach
  void startOtherSite() throws IOException {
    otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    otherSite.createContext("/", exchange -> {
      String target = exchange.getRequestURI().getQuery();
      byte[] page = ("""
          <!DOCTYPE html><html><head><meta charset="utf-8"><title>Khuyến mãi</title></head><body>
          <p id="result"></p>
          <form method="post" enctype="text/plain" action="%s"><input type="hidden" name="x" value="y"></form>
          <script>
            const report = text => document.getElementById('result').textContent = text;
            // a script's request with the credentials the browser holds, then a form sent by the page
            fetch('%s', {method: 'POST', credentials: 'include', headers: {'Content-Type': 'text/plain'},
                body: 'x'})
              .then(r => report('answered ' + r.status), e => report('failed ' + e))
              .finally(() => document.forms[0].submit());
          </script></body></html>""").formatted(target, target).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    otherSite.start();
  }

  @AfterEach
  void stopOtherSite() {
    otherSite.stop(0);
  }

  @Test
  void aPageOfAnotherSiteCannotCloseACycleWithTheBrowsersCredentials(CapturedOutput output) {
    String base = "http://localhost:" + port;
    String targeted = openCycle("XS-2027-1");
    String ownPage = openCycle("XS-2027-2");
    try (TasklistBrowser browser = new TasklistBrowser(base)) {
      // the officer signs in to the API in this browser, which remembers the credentials
      browser.visit("http://officer1:demo@localhost:" + port + "/api/cycles");
      assertThat(browser.text()).contains(targeted);

      browser.visit("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/?" + base + "/api/cycles/" + targeted
          + "/close");

      // the browser sent both; the form (a navigation of the whole page) even with the officer's
      // credentials, which it keeps for the application's own pages: only the origin stopped it
      String refusal = "Refused a cross-site POST /api/cycles/" + targeted
          + "/close \\(Origin http://127\\.0\\.0\\.1:" + otherSite.getAddress().getPort()
          + ", Sec-Fetch-Site cross-site, with a person's credentials: ";
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(Pattern.compile(refusal + "(true|false)\\)").matcher(output.getAll()).results().count())
            .isEqualTo(2);
        assertThat(output.getAll()).containsPattern(refusal + "true\\)");
      });
      assertThat(status(targeted)).isEqualTo("OPEN");

      // the application's own page, in the same browser, may do it
      browser.visit(base + "/api/cycles");
      Object answer = browser.runAsync("const done = arguments[arguments.length - 1];"
          + "fetch(arguments[0], {method: 'POST', credentials: 'include'}).then(r => done(r.status))"
          + ".catch(e => done('failed ' + e));", base + "/api/cycles/" + ownPage + "/close");
      assertThat(answer).isEqualTo(200L);
      assertThat(status(ownPage)).isEqualTo("CLOSED");
    }
  }

  @Test
  void headersOfAnotherSiteAreRefusedAndCommandLineClientsPass() {
    String base = "http://localhost:" + port;
    ApiClient officer = new ApiClient(base, "officer1", "demo");
    String cycle = openCycle("XS-2027-3");

    for (String[] header : new String[][] {{"Origin", "https://evil.example"}, {"Origin", "null"},
        {"Origin", "http://localhost:" + (port + 1)}, {"Sec-Fetch-Site", "cross-site"},
        {"Sec-Fetch-Site", "same-site"}}) {
      HttpResponse<String> refused = officer.post("/api/cycles/" + cycle + "/close", "text/plain", "x", header);
      assertThat(refused.statusCode()).as(header[0] + ": " + header[1]).isEqualTo(403);
      assertThat(WebappSession.parse(refused.body()).get("title").asText())
          .isEqualTo("Yêu cầu từ trang web khác / Cross-site request");
      assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }
    // engine-rest too, before any password is checked
    HttpResponse<String> engine = new ApiClient(base, "officer1", "demo").post("/engine-rest/message",
        "application/json", "{\"messageName\":\"x\"}", "Origin", "https://evil.example");
    assertThat(engine.statusCode()).isEqualTo(403);
    assertThat(status(cycle)).isEqualTo("OPEN");

    // reading is not refused, and neither is the application's own origin
    assertThat(officer.get("/api/cycles").statusCode()).isEqualTo(200);
    assertThat(officer.post("/api/cycles/" + cycle + "/close", "text/plain", "x", "Origin", base,
        "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
    assertThat(status(cycle)).isEqualTo("CLOSED");

    // a command-line client sends neither header
    String another = openCycle("XS-2027-4");
    HttpResponse<String> curl = officer.post("/api/cycles/" + another + "/close", "text/plain", "x");
    assertThat(curl.statusCode()).as(curl.body()).isEqualTo(200);
    assertThat(status(another)).isEqualTo("CLOSED");
  }

  private String openCycle(String code) {
    String body = """
        {"code":"%s","fundCode":"CM","name":"Đợt thử %s","opensOn":"%s","closesOn":"%s"}"""
        .formatted(code, code, LocalDate.now(), LocalDate.now().plusMonths(6));
    HttpResponse<String> created = new ApiClient("http://localhost:" + port, "officer1", "demo")
        .postJson("/api/cycles", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(status(code)).isEqualTo("OPEN");
    return code;
  }

  private String status(String cycle) {
    return jdbc.sql("SELECT status FROM funding_cycle WHERE code = ?").param(cycle).query(String.class).single();
  }
}
