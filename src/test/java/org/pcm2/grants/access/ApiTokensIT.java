package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sign in once: a token for the password works on the project's API as its holder, with their
 * rights and nothing more, and nowhere else; it ends on sign-out, at its expiry, when the
 * password changes; a wrong, ended or borrowed token gets 401, never the password's way in.
 */
class ApiTokensIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcClient jdbc;
  @Autowired
  private IdentityService identity;

  @Test
  void aTokenStandsForItsHolderOnTheApiOnlyUntilItEnds() throws Exception {
    ApiClient facilitator = new ApiClient(base(), "facilitator1", "demo");
    HttpResponse<String> issued = facilitator.post("/api/tokens", "application/json", "");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    JsonNode body = JSON.readTree(issued.body());
    String token = body.get("token").asText();
    assertThat(token).startsWith("pcm_").hasSizeGreaterThan(40);
    assertThat(Instant.parse(body.get("expiresAt").asText())).isAfter(Instant.now().plusSeconds(7 * 3600));
    // only its hash is kept
    assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ?").param(token).query(Long.class).single())
        .isZero();

    HttpResponse<String> list = call("GET", "/api/subprojects", token, null);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(list.body()).isEqualTo(facilitator.get("/api/subprojects").body());
    // the holder's rights, no more: a facilitator's token opens no cycle
    assertThat(call("POST", "/api/cycles", token, "{}").statusCode()).isEqualTo(404);
    // not another token from a token
    assertThat(call("POST", "/api/tokens", token, "").statusCode()).isEqualTo(403);
    // the API only: the engine's doors do not take it
    assertThat(call("GET", "/engine-rest/task", token, null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/camunda/api/engine/engine/default/task", token, null).statusCode())
        .isIn(401, 403);

    // wrong, altered or another scheme: 401, and no fall back to a password
    for (String wrong : new String[] {"pcm_nope", token + "x", token.substring(0, token.length() - 1), ""}) {
      assertThat(call("GET", "/api/subprojects", wrong, null).statusCode()).as(wrong).isEqualTo(401);
    }

    // expired: 401
    HttpResponse<String> second = facilitator.post("/api/tokens", "application/json", "");
    String expiring = JSON.readTree(second.body()).get("token").asText();
    assertThat(call("GET", "/api/subprojects", expiring, null).statusCode()).isEqualTo(200);
    jdbc.sql("UPDATE api_token SET expires_at = created_at - INTERVAL '1' MINUTE, created_at = created_at"
        + " - INTERVAL '1' HOUR WHERE token_hash = ?").param(ApiTokens.sha256(expiring)).update();
    assertThat(call("GET", "/api/subprojects", expiring, null).statusCode()).isEqualTo(401);

    // signed out: 401, the first token still works
    assertThat(call("DELETE", "/api/tokens/current", token, null).statusCode()).isEqualTo(204);
    assertThat(call("GET", "/api/subprojects", token, null).statusCode()).isEqualTo(401);
  }

  @Test
  void aNewPasswordEndsEveryTokenOfThePerson() throws Exception {
    User person = identity.newUser("tokenholder");
    person.setPassword("Old-Password-2026");
    person.setFirstName("Token");
    person.setLastName("Holder");
    identity.saveUser(person);
    String token = JSON.readTree(new ApiClient(base(), "tokenholder", "Old-Password-2026")
        .post("/api/tokens", "application/json", "").body()).get("token").asText();
    assertThat(call("GET", "/api/sectors", token, null).statusCode()).isEqualTo(200);

    User changed = identity.createUserQuery().userId("tokenholder").singleResult();
    changed.setPassword("New-Password-2026");
    identity.saveUser(changed);
    assertThat(call("GET", "/api/sectors", token, null).statusCode()).isEqualTo(401);
    // and a person deleted has no working token either
    String again = JSON.readTree(new ApiClient(base(), "tokenholder", "New-Password-2026")
        .post("/api/tokens", "application/json", "").body()).get("token").asText();
    assertThat(call("GET", "/api/sectors", again, null).statusCode()).isEqualTo(200);
    identity.deleteUser("tokenholder");
    assertThat(call("GET", "/api/sectors", again, null).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", "Bearer " + token)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
