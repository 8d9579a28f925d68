package org.pcm2.grants.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in for the application's own pages, the reports ({@code /reports/**}), the directory
 * ({@code /directory/**}) and the dialogue meetings' pages ({@code /dialogues/**}): whoever is
 * signed in to the Tasklist (Camunda's webapp session) opens them as they are, with the groups
 * the webapps found for them; anyone else is asked for the same user and password by the
 * browser (HTTP Basic). The report pages only read, so there is no form to forge; the
 * directory's and the dialogues' forms carry Spring Security's token against forgery (kept in
 * the session), and a request another site's page sends is refused before that, by where it
 * comes from.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {

  static final String ENGINE = "default";

  @Bean
  SecurityFilterChain dashboardFilterChain(HttpSecurity http) throws Exception {
    AuthenticationEntryPoint askToSignIn = PageSecurity::askToSignIn;
    return http.securityMatcher("/reports/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .addFilterBefore(new WebappSession(), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(askToSignIn))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(askToSignIn))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.ignoringRequestMatchers("/reports/**")) // GET only: nothing to forge
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
        .build();
  }

  @Bean
  SecurityFilterChain directoryFilterChain(HttpSecurity http) throws Exception {
    AuthenticationEntryPoint askToSignIn = PageSecurity::askToSignIn;
    return http.securityMatcher("/directory/**", "/dialogues/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .addFilterBefore(new CrossSiteRequests.Refusal(false), BasicAuthenticationFilter.class)
        .addFilterBefore(new WebappSession(), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(askToSignIn))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(askToSignIn))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none';"
                + " form-action 'self'")))
        .build();
  }

  /**
   * The Tasklist's file chooser ({@code /files/**}): the person signed in to the webapps, and
   * only with the webapps' own token against forgery (the {@code X-XSRF-TOKEN} header the
   * Tasklist sends with every change, equal to the one kept in the session); nobody signs in
   * here any other way.
   */
  @Bean
  SecurityFilterChain tasklistFilesFilterChain(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint)
      throws Exception {
    return http.securityMatcher("/files/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .addFilterBefore(new CrossSiteRequests.Refusal(true), BasicAuthenticationFilter.class)
        .addFilterBefore(new WebappSession(), BasicAuthenticationFilter.class)
        .addFilterBefore(new WebappToken(), WebappSession.class)
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problemEntryPoint))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable()) // the webapps' own token, checked by WebappToken
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'none'; frame-ancestors 'none'")))
        .build();
  }

  /** Refuses a change that does not carry the token the webapps keep in the session (403). */
  static final class WebappToken extends OncePerRequestFilter {

    static final String SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN"; // CsrfConstants of the webapps
    static final String HEADER = "X-XSRF-TOKEN";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
        HttpSession session = request.getSession(false);
        Object kept = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        String sent = request.getHeader(HEADER);
        if (!(kept instanceof String token) || sent == null || !java.security.MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
          response.setStatus(HttpServletResponse.SC_FORBIDDEN);
          response.setContentType("application/problem+json");
          response.setCharacterEncoding("UTF-8");
          JSON.writeValue(response.getOutputStream(), org.springframework.http.ProblemDetail.forStatusAndDetail(
              org.springframework.http.HttpStatus.FORBIDDEN, org.pcm2.grants.texts.Texts.both("access.webappToken")));
          return;
        }
      }
      chain.doFilter(request, response);
    }
  }

  private static void askToSignIn(HttpServletRequest request, HttpServletResponse response,
      org.springframework.security.core.AuthenticationException e) throws IOException {
    Long retryAfter = SignInThrottle.retryAfter(request);
    if (retryAfter != null) {
      SignInThrottle.answer(response, retryAfter, true);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Basic realm=\"PCM2\", charset=\"UTF-8\"");
    response.setContentType("text/html;charset=UTF-8");
    response.getOutputStream().write(("""
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cần đăng nhập</title></head><body>
        <p>Cần đăng nhập: hãy đăng nhập <a href="/camunda/app/tasklist/">Danh sách việc</a> rồi mở lại trang này.</p>
        <p lang="en">Sign in to the <a href="/camunda/app/tasklist/">Tasklist</a> first, then open this page again.</p>
        </body></html>""").getBytes(StandardCharsets.UTF_8));
  }

  /** Takes the person signed in to the Camunda webapps in this browser session, if any. */
  static final class WebappSession extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      HttpSession session = request.getSession(false);
      if (session != null && SecurityContextHolder.getContext().getAuthentication() == null) {
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null
            && authentications.getAuthenticationForProcessEngine(ENGINE) instanceof UserAuthentication user
            && user.getIdentityId() != null) {
          List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
          SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
              user.getIdentityId(), null, groups.stream().map(SimpleGrantedAuthority::new).toList()));
        }
      }
      chain.doFilter(request, response);
    }
  }
}
