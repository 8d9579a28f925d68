package org.pcm2.grants.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Someone not signed in on the application's public pages, as a browser is: keeps its
 * session cookie and sends back the CSRF token of the last page it read with each form.
 */
public final class FormBrowser {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private String csrf;

  public FormBrowser(String base) {
    this.base = base;
  }

  public HttpResponse<String> get(String path) {
    return remember(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
  }

  /** Posts the form with the CSRF token of the last page read, if one was read. */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    if (csrf != null) {
      form.put("_csrf", csrf);
    }
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return remember(send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /**
   * Posts the form as a page with a file field does (multipart), with the CSRF token of the
   * last page read and one file under {@code fileField}.
   */
  public HttpResponse<String> postWithFile(String path, Map<String, String> fields, String fileField, String fileName,
      byte[] file) {
    Map<String, String> form = new LinkedHashMap<>(fields);
    if (csrf != null) {
      form.put("_csrf", csrf);
    }
    String boundary = Multipart.boundary();
    return remember(send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.body(boundary, form, fileField, fileName, file)))));
  }

  private HttpResponse<String> remember(HttpResponse<String> response) {
    Matcher token = CSRF.matcher(response.body());
    if (token.find()) {
      csrf = token.group(1);
    }
    return response;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
