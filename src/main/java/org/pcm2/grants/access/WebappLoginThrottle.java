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
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The webapps' login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) answers
 * a client that must still wait (see {@link SignInThrottle}) with 429 and Retry-After, where
 * Camunda's login would answer 401 as for a wrong password.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // Jersey answers the refused login with sendError, which would commit the 401 at once
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response) {
      @Override
      public void sendError(int status) throws IOException {
        sendError(status, null);
      }

      @Override
      public void sendError(int status, String message) throws IOException {
        if (SignInThrottle.retryAfter(request) != null) {
          setStatus(status);
        } else if (message == null) {
          super.sendError(status);
        } else {
          super.sendError(status, message);
        }
      }
    };
    try {
      chain.doFilter(request, buffered);
      Long retryAfter = SignInThrottle.retryAfter(request);
      if (retryAfter != null) {
        buffered.resetBuffer();
        SignInThrottle.answer(buffered, retryAfter, false);
      }
    } finally {
      buffered.copyBodyToResponse();
    }
  }

  /** Registers the filter on the login of every webapp. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<WebappLoginThrottle> webappLoginThrottle() {
      FilterRegistrationBean<WebappLoginThrottle> registration = new FilterRegistrationBean<>(new WebappLoginThrottle());
      registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 6);
      return registration;
    }
  }
}
