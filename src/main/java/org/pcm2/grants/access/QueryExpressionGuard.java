package org.pcm2.grants.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes a hole of Camunda 7.24 Community: the engine refuses expressions in ad-hoc task
 * queries, but not inside a query's {@code orQueries}, so a caller of the REST API could
 * have the engine evaluate an expression of their own. Any request to the engine APIs
 * whose JSON body holds an {@code orQueries} entry with an expression (at any depth: task
 * queries, filters and their extending queries) is refused with 400 before it reaches
 * the engine.
 */
public class QueryExpressionGuard extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean json = request.getContentType() != null && request.getContentType().contains("json");
    if (!json || (!"POST".equals(request.getMethod()) && !"PUT".equals(request.getMethod()))) {
      // queries come as JSON; uploads and the rest pass untouched (and unread)
      chain.doFilter(request, response);
      return;
    }
    CachedBodyRequest cached = new CachedBodyRequest(request);
    String offending = offendingField(cached.body());
    if (offending != null) {
      EngineApiResponses.refuse(response, HttpServletResponse.SC_BAD_REQUEST, "InvalidRequestException",
          "Không được dùng biểu thức trong orQueries (" + offending + ") / expressions are not allowed in orQueries");
      return;
    }
    chain.doFilter(cached, response);
  }

  /** The first expression field found inside an {@code orQueries} entry, or null. */
  static String offendingField(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return search(JSON.readTree(body), false);
    } catch (IOException e) {
      return null; // not JSON: the engine answers for itself
    }
  }

  private static String search(JsonNode node, boolean insideOrQueries) {
    if (node == null) {
      return null;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        String found = search(element, insideOrQueries);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      boolean expression = field.getKey().toLowerCase().endsWith("expression") && !field.getValue().isNull();
      if (insideOrQueries && expression) {
        return field.getKey();
      }
      String found = search(field.getValue(), insideOrQueries || "orQueries".equals(field.getKey()));
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Registers the guard on both engine APIs. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<QueryExpressionGuard> queryExpressionGuard() {
      FilterRegistrationBean<QueryExpressionGuard> registration =
          new FilterRegistrationBean<>(new QueryExpressionGuard());
      registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
      return registration;
    }
  }
}
