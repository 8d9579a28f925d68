package org.pcm2.grants.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.pcm2.grants.texts.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests that change something and that a browser sends for a page of another site: a
 * browser attaches the HTTP Basic credentials it remembers to them, so a page elsewhere could
 * close a cycle in the name of whoever once signed in. A request is cross-site when its
 * {@code Sec-Fetch-Site} says {@code cross-site} or {@code same-site}, or its {@code Origin}
 * is not the application's own (scheme, host and port as the request sees them, through the
 * forwarded headers the server is set to trust). Clients that send neither header (curl,
 * scripts, other systems) are not browsers acting for a page and pass.
 */
final class CrossSiteRequests implements RequestMatcher {

  static final String TITLE = Texts.both("access.crossSite");
  static final String DETAIL = Texts.both("access.crossSiteDetail");

  private static final Logger LOG = LoggerFactory.getLogger(CrossSiteRequests.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean matches(HttpServletRequest request) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return false;
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site)) {
      return true;
    }
    return request.getHeader(HttpHeaders.ORIGIN) != null && !sameOrigin(request);
  }

  private static boolean sameOrigin(HttpServletRequest request) {
    try {
      return !CorsUtils.isCorsRequest(request);
    } catch (RuntimeException unreadableOrigin) {
      return false; // "null" and other origins that are no URL are not ours
    }
  }

  /** 403 as problem details, and a line in the log saying who tried. */
  static void refuse(HttpServletRequest request, HttpServletResponse response, boolean problemDetails)
      throws IOException {
    LOG.warn("Refused a cross-site {} {} (Origin {}, Sec-Fetch-Site {}, with a person's credentials: {})",
        request.getMethod(), request.getRequestURI(), request.getHeader(HttpHeaders.ORIGIN),
        request.getHeader("Sec-Fetch-Site"), request.getHeader(HttpHeaders.AUTHORIZATION) != null);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setCharacterEncoding("UTF-8");
    if (problemDetails) {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      JSON.writeValue(response.getOutputStream(), Map.of("type", "about:blank", "status", 403, "title", TITLE,
          "detail", DETAIL, "instance", request.getRequestURI()));
    } else {
      EngineApiResponses.refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          TITLE + ": " + DETAIL);
    }
  }

  /** Refuses the requests of the matcher; in the {@code /api} chain and on {@code engine-rest}. */
  static final class Refusal extends OncePerRequestFilter {

    private final RequestMatcher crossSite = new CrossSiteRequests();
    private final boolean problemDetails;

    Refusal(boolean problemDetails) {
      this.problemDetails = problemDetails;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (crossSite.matches(request)) {
        refuse(request, response, problemDetails);
        return;
      }
      chain.doFilter(request, response);
    }
  }

  /**
   * On {@code engine-rest} too, before anyone is signed in: a browser would also send its
   * remembered credentials there (an upload form of another site is a "simple" request).
   */
  @Configuration(proxyBeanMethods = false)
  static class EngineRestRegistration {
    @Bean
    FilterRegistrationBean<Refusal> engineRestCrossSiteRefusal() {
      FilterRegistrationBean<Refusal> registration = new FilterRegistrationBean<>(new Refusal(false));
      registration.setName("engine-rest-cross-site-refusal");
      registration.addUrlPatterns("/engine-rest/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
      return registration;
    }
  }
}
