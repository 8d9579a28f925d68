package org.pcm2.grants.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmark, not a test (run with {@code ./mvnw -Pbenchmark verify -Dit.test=ApiSignInBenchmark}):
 * what signing in costs a call of the API, the password sent with every call (HTTP Basic, whose
 * hash the server checks, slowly by design) against a token given once ({@code POST /api/tokens}).
 * The cheapest signed-in call (the sectors) and the facilitator's list, each way, alternating,
 * after a warm-up; prints p50 and p95 of each.
 */
class ApiSignInBenchmark extends PostgresIntegrationTest {

  private static final int RUNS = 300;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  private int port;

  @Test
  void passwordEveryCallAgainstATokenGivenOnce() throws Exception {
    String base = "http://localhost:" + port;
    ApiClient basic = new ApiClient(base, "facilitator1", "demo");
    HttpResponse<String> issued = basic.post("/api/tokens", "application/json", "");
    assertThat(issued.statusCode()).isEqualTo(201);
    String token = new ObjectMapper().readTree(issued.body()).get("token").asText();

    Map<String, String> calls = new LinkedHashMap<>();
    calls.put("cheapest signed-in call (GET /api/sectors)", "/api/sectors");
    calls.put("facilitator's list (GET /api/subprojects)", "/api/subprojects");
    StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
        "%nAPI SIGN-IN: the password with every call (HTTP Basic) against a token given once, %d calls each, "
            + "alternating%n| call | Basic p50 (ms) | Basic p95 (ms) | token p50 (ms) | token p95 (ms) |%n"
            + "| --- | --- | --- | --- | --- |%n", RUNS));
    int answered = 0;
    int refused = 0;
    for (Map.Entry<String, String> call : calls.entrySet()) {
      for (int i = 0; i < 20; i++) {
        basic.get(call.getValue());
        withToken(base + call.getValue(), token);
      }
      Percentiles byPassword = new Percentiles();
      Percentiles byToken = new Percentiles();
      for (int i = 0; i < RUNS; i++) {
        int a = byPassword.time(() -> basic.get(call.getValue()).statusCode());
        int b = byToken.time(() -> withToken(base + call.getValue(), token).statusCode());
        answered += (a == 200 ? 1 : 0) + (b == 200 ? 1 : 0);
        refused += (a == 200 ? 0 : 1) + (b == 200 ? 0 : 1);
      }
      table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", call.getKey(),
          byPassword.percentile(50), byPassword.percentile(95), byToken.percentile(50), byToken.percentile(95)));
    }
    table.append(String.format(Locale.ROOT, "measured calls: %d answered, %d refused%n", answered, refused));
    System.out.println(table);
    assertThat(refused).as("refused calls").isZero();
  }

  private static HttpResponse<String> withToken(String url, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
