package org.pcm2.grants.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on {@code engine-rest}, which serves JSON only: nothing may run or be
 * framed from it, its type is not to be guessed, and over HTTPS browsers keep to HTTPS.
 * (The webapps get theirs from Camunda's header filter, {@code /api} from Spring Security.)
 */
public class EngineRestHeaders extends OncePerRequestFilter {

  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", API_POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    chain.doFilter(request, response);
  }

  /** Registers the headers first on engine-rest, so that refusals carry them too. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<EngineRestHeaders> engineRestHeaders() {
      FilterRegistrationBean<EngineRestHeaders> registration = new FilterRegistrationBean<>(new EngineRestHeaders());
      registration.addUrlPatterns("/engine-rest/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }
}
