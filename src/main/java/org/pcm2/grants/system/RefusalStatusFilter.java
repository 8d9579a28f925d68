package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * On the engine APIs ({@code /engine-rest}, and {@code /camunda/api/engine} that the
 * Tasklist calls), a request the application refused for bad input answers 400 with the
 * message naming the fields, instead of the 500 Camunda gives any exception thrown inside
 * a listener or delegate.
 */
public class RefusalStatusFilter extends OncePerRequestFilter {

  /**
   * What the engine says (ENGINE-13024, a bad request that engine-rest answers 500) when a
   * start asks to skip listeners or mappings without start instructions.
   */
  private static final String SKIP_AT_START = "ENGINE-13024";
  /** What the engine says when its password policy refuses a password. */
  private static final String WEAK_PASSWORD = "Password does not match policy";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Refusals.clear();
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, buffered);
      if (buffered.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR && Refusals.happened()) {
        buffered.setStatus(Refusals.status());
        if (Refusals.message() != null) {
          // the Tasklist shows the message: the refusal's own words, not the engine's wrapping of them
          buffered.resetBuffer();
          buffered.setContentType("application/json");
          buffered.setCharacterEncoding("UTF-8");
          JSON.writeValue(buffered.getOutputStream(),
              Map.of("type", Refusals.status() == HttpServletResponse.SC_FORBIDDEN ? "AuthorizationException"
                  : "InvalidRequestException", "message", Refusals.message()));
        }
      } else if (buffered.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR
          && new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8).contains(SKIP_AT_START)) {
        buffered.resetBuffer();
        buffered.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        buffered.setContentType("application/json");
        buffered.setCharacterEncoding("UTF-8");
        JSON.writeValue(buffered.getOutputStream(), Map.of("type", "InvalidRequestException", "message",
            Texts.both("system.noSkipAtStart")));
      } else if (buffered.getStatus() == HttpServletResponse.SC_INTERNAL_SERVER_ERROR
          && new String(buffered.getContentAsByteArray(), StandardCharsets.UTF_8).contains(WEAK_PASSWORD)) {
        // the engine's password policy refused a password: bad input, said in both languages
        buffered.resetBuffer();
        buffered.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        buffered.setContentType("application/json");
        JSON.writeValue(buffered.getOutputStream(), Map.of("type", "InvalidRequestException", "message",
            "password: " + Texts.both("system.weakPassword")));
      }
    } finally {
      Refusals.clear();
      buffered.copyBodyToResponse();
    }
  }

  /** Registers the filter on the engine APIs. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<RefusalStatusFilter> refusalStatusFilter() {
      FilterRegistrationBean<RefusalStatusFilter> registration = new FilterRegistrationBean<>(new RefusalStatusFilter());
      registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
      return registration;
    }
  }
}
