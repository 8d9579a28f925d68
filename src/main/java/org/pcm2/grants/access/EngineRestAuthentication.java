package org.pcm2.grants.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code engine-rest} answers only to a signed-in person: HTTP Basic against Camunda's
 * identity service (with the sign-in throttle: 429 and Retry-After for a client that must
 * wait). Every call then runs as that person, so the engine's authorizations apply to it as
 * to the webapps.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestAuthentication {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        ThrottledBasicAuthentication.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    // before the refusal and query guards, so that they see only signed-in calls
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  /** Camunda's HTTP Basic, answering 429 instead of a challenge when the client must wait. */
  public static class ThrottledBasicAuthentication extends HttpBasicAuthenticationProvider {
    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
      HttpServletRequest request = SignInThrottle.currentRequest();
      Long retryAfter = request == null ? null : SignInThrottle.retryAfter(request);
      if (retryAfter == null) {
        super.augmentResponseByAuthenticationChallenge(response, engine);
        return;
      }
      try {
        SignInThrottle.answer(response, retryAfter, false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
