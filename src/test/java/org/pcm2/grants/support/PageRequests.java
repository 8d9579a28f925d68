package org.pcm2.grants.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Requests to the application's pages as a browser of a demo user would send them (HTTP
 * Basic, password {@code demo}): a GET, or a form POST with or without another site's Origin.
 */
public final class PageRequests {

  private PageRequests() {
  }

  /** GET of a page; {@code user} null for nobody signed in. */
  public static HttpResponse<String> get(String base, String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path.replace(" ", "%20"))).GET();
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    return send(request);
  }

  /** A form POST (no token against forgery unless the form has one); {@code origin} null for none. */
  public static HttpResponse<String> post(String base, String path, String user, String form, String origin) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", basic(user)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }
}
