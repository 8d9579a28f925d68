package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database out of reach (stopped, restarting, no connection to be had in time): the
 * person is told so in a 503 with Retry-After, never a 500, whether it happens in an API
 * call ({@link ApiProblems}) or earlier, while signing them in (the filter below). The
 * connection pool reconnects by itself once the database is back.
 */
public final class DatabaseOutage {

  /** Seconds a client should wait before trying again. */
  static final String RETRY_AFTER = "10";
  static final String TITLE = Texts.both("system.databaseAway");
  static final String DETAIL = Texts.both("system.databaseAwayDetail");

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseOutage() {
  }

  /** Whether the failure comes from the database being out of reach. */
  public static boolean causes(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CannotGetJdbcConnectionException || cause instanceof SQLTransientConnectionException
          || cause instanceof ConnectException) {
        return true;
      }
      // 08: connection exception; 57P01-57P03: the server is shutting down or starting up
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
      // the pool's own word for a connection the server dropped (it gives no SQL state)
      if (cause instanceof SQLException sql && sql.getSQLState() == null
          && "Connection is closed".equals(sql.getMessage())) {
        return true;
      }
      // a rollback that failed on the dropped connection hides what failed first
      if (cause instanceof TransactionSystemException tx && tx.getApplicationException() != null
          && tx.getApplicationException() != failure && causes(tx.getApplicationException())) {
        return true;
      }
    }
    return false;
  }

  /** The 503 problem, with its Retry-After header set on the response. */
  static ProblemDetail problem(HttpServletResponse response, Throwable failure) {
    LOG.warn("Database unavailable: {}", rootMessage(failure));
    response.setHeader("Retry-After", RETRY_AFTER);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
    problem.setTitle(TITLE);
    return problem;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** Catches the outage where no controller advice can: in the filters that sign a person in. */
  static class Filter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      try {
        chain.doFilter(request, response);
      } catch (IOException | ServletException | RuntimeException e) {
        if (!causes(e) || response.isCommitted()) {
          throw e;
        }
        response.reset();
        ProblemDetail problem = problem(response, e);
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), Map.of("type", "about:blank", "status", 503,
            "title", problem.getTitle(), "detail", problem.getDetail()));
      }
    }
  }

  /** Registers the filter in front of every other. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<Filter> databaseOutageFilter() {
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter());
      registration.addUrlPatterns("/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }
}
