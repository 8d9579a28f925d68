package org.pcm2.grants.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every log line of an {@code /api/subprojects/{code}/...} call carries the sub-project's
 * code under {@code businessKey}, the key the engine uses for the lines of its steps
 * ({@code loggingContextBusinessKey}), so one search finds all of a sub-project's lines.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubprojectLogContext extends OncePerRequestFilter {

  static final String KEY = "businessKey";
  private static final Pattern SUBPROJECT = Pattern.compile("^/api/subprojects/([A-Za-z0-9-]{1,40})(?:/.*)?$");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher code = SUBPROJECT.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!code.matches()) {
      chain.doFilter(request, response);
      return;
    }
    MDC.put(KEY, code.group(1));
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(KEY);
    }
  }
}
