package org.pcm2.grants.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The engine APIs ({@code /engine-rest}, and {@code /camunda/api/...} that the webapps call)
 * answer a server error (5xx) with the exception's message, which tells a stranger about the
 * inside of the application. Where {@code pcm.errors.show-server-error-text} is false (the
 * prod profile), such a body is replaced by {@link ServerErrors}' message and reference,
 * in the shape the webapps read ({@code {type, message}}); the exception, caught by
 * {@link ExceptionCapture} inside both REST applications, is logged under that reference
 * with its stack trace. Bodies under 500 (refusals, validation, not found) pass untouched.
 */
public class EngineServerErrorBodies extends OncePerRequestFilter {

  /** The request attribute (Jersey request property) holding the exception a REST call ended with. */
  static final String EXCEPTION = EngineServerErrorBodies.class.getName() + ".exception";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, buffered);
      if (buffered.getStatus() >= 500) {
        Throwable failure = request.getAttribute(EXCEPTION) instanceof Throwable t ? t : null;
        String reference = ServerErrors.logged(request.getMethod() + " " + request.getRequestURI() + " answered "
            + buffered.getStatus() + (failure == null ? ": " + new String(buffered.getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8) : ""), failure);
        buffered.resetBuffer();
        buffered.setContentType("application/json");
        buffered.setCharacterEncoding("UTF-8");
        JSON.writeValue(buffered.getOutputStream(),
            Map.of("type", "ServerError", "message", ServerErrors.message(reference), "reference", reference));
      }
    } finally {
      buffered.copyBodyToResponse();
    }
  }

  /** Keeps the exception a REST call of the engine ended with, for the filter above to log. */
  public static class ExceptionCapture implements ApplicationEventListener {

    @Override
    public void onEvent(ApplicationEvent event) {
      // nothing to do at the application's level
    }

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
      return event -> {
        if (event.getType() == RequestEvent.Type.ON_EXCEPTION && event.getException() != null) {
          event.getContainerRequest().setProperty(EXCEPTION, event.getException());
        }
      };
    }
  }

  /** Registers the filter on both engine APIs, outside the one that turns refusals into 400. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "pcm.errors.show-server-error-text", havingValue = "false")
  static class Registration {
    @Bean
    FilterRegistrationBean<EngineServerErrorBodies> engineServerErrorBodies() {
      FilterRegistrationBean<EngineServerErrorBodies> registration =
          new FilterRegistrationBean<>(new EngineServerErrorBodies());
      registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
      return registration;
    }
  }
}
