package org.pcm2.grants.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person logged in to the Camunda webapps, calling the engine API the Tasklist itself
 * calls ({@code /camunda/api/engine/engine/default/...}) with its session and CSRF token.
 */
public final class WebappSession {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient client;
  private final CookieManager cookies;

  private WebappSession(String baseUrl) {
    this.baseUrl = baseUrl;
    this.cookies = new CookieManager();
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();
  }

  private WebappSession(String baseUrl, HttpClient client, CookieManager cookies) {
    this.baseUrl = baseUrl;
    this.client = client;
    this.cookies = cookies;
  }

  /** The same browser (its cookies) talking to another node of the application on this host. */
  public WebappSession on(String otherBaseUrl) {
    return new WebappSession(otherBaseUrl, client, cookies);
  }

  public static WebappSession login(String baseUrl, String user, String password) {
    return login(baseUrl, user, password, "tasklist");
  }

  /** Signs in to one of the webapps (tasklist, cockpit, admin); fails when the person may not. */
  public static WebappSession login(String baseUrl, String user, String password, String app) {
    WebappSession session = new WebappSession(baseUrl);
    try {
      HttpResponse<String> response = session.signIn(user, password, app);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("Login of " + user + " failed: " + response.statusCode() + " " + response.body());
      }
      // The session is new after login: fetch the CSRF token that belongs to it, as the Tasklist does.
      session.client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/tasklist/default/")).build(),
          HttpResponse.BodyHandlers.discarding());
      return session;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The status of a sign-in to one of the webapps: 200 when the person may use it. */
  public static int loginStatus(String baseUrl, String user, String password, String app) {
    try {
      return new WebappSession(baseUrl).signIn(user, password, app).statusCode();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> signIn(String user, String password, String app)
      throws IOException, InterruptedException {
    client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf())
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET on the engine API, whatever its status. */
  public HttpResponse<String> raw(String path) {
    return send(HttpRequest.newBuilder(engine(path)).GET());
  }

  /** GET on the engine API; the parsed body. */
  public JsonNode get(String path) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(engine(path)).GET());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
    }
    return parse(response.body());
  }

  /** POST of a JSON body on the engine API; the raw response. */
  public HttpResponse<String> post(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(engine(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Any request on the engine API with a body of this content type (null: none); the raw response. */
  public HttpResponse<String> send(String method, String path, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(engine(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return send(contentType == null ? request : request.header("Content-Type", contentType));
  }

  /**
   * A file sent as the Tasklist's file chooser sends it: multipart to the application's
   * {@code path} (not the engine API), with this session and, when {@code withToken}, its token.
   */
  public HttpResponse<String> uploadFile(String path, String kind, String fileName, byte[] content,
      boolean withToken) {
    String boundary = "----pcm" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    if (withToken) {
      request.header("X-XSRF-TOKEN", csrf());
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Variables in the engine API's typed form: Long for whole numbers, String, Boolean. */
  public static Map<String, Object> typed(Map<String, Object> values) {
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      String type = value instanceof Long || value instanceof Integer ? "Long"
          : value instanceof Boolean ? "Boolean" : value instanceof Double ? "Double" : "String";
      typed.put(name, Map.of("value", value, "type", type));
    });
    return typed;
  }

  public static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException(body, e);
    }
  }

  private URI engine(String path) {
    return URI.create(baseUrl + "/camunda/api/engine/engine/default" + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.header("X-XSRF-TOKEN", csrf()).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private String csrf() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElse("");
  }
}
