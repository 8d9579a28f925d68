package org.pcm2.grants.access;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.texts.Texts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Authentication of the project's API ({@code /api/**}): a token given once for the password
 * ({@link ApiTokens}, {@code Authorization: Bearer …}), or HTTP Basic with the same users
 * and passwords as the Camunda webapps (Camunda's identity service, with the sign-in
 * throttle of {@link ThrottledIdentityProvider}: 429 for a client that must wait); a
 * person's Camunda groups become their authorities. The webapps and
 * {@code engine-rest} are not touched by this chain.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  @Bean
  SecurityFilterChain apiFilterChain(HttpSecurity http, AuthenticationEntryPoint problemEntryPoint, ApiTokens tokens,
      IdentityService identity) throws Exception {
    return http.securityMatcher("/api/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(problemEntryPoint))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problemEntryPoint))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // stateless Basic authentication: no session cookie and no token; what a browser sends
        // for another site's page is refused by where it comes from, before any sign-in
        .csrf(csrf -> csrf.disable())
        .addFilterBefore(new CrossSiteRequests.Refusal(true), BasicAuthenticationFilter.class)
        // a token from POST /api/tokens instead of the password: checked before Basic, never falling back to it
        .addFilterBefore(new ApiTokenFilter(tokens, identity, problemEntryPoint), BasicAuthenticationFilter.class)
        // no-sniff, frame denial and, over HTTPS, HSTS are Spring Security's defaults; the
        // policy lets the API's documentation page load its own scripts and nothing else
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
        .build();
  }

  @Bean
  AuthenticationProvider camundaIdentity(IdentityService identity) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || credentials == null || !identity.checkPassword(user, credentials.toString())) {
          throw new BadCredentialsException(Texts.both("access.wrongPassword"));
        }
        List<SimpleGrantedAuthority> groups = Actors.groupsOf(identity, user).stream()
            .map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
      }

      @Override
      public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }

  /** 401 as problem details, in Vietnamese and English; 429 for a client that must wait. */
  @Bean
  AuthenticationEntryPoint problemEntryPoint(ObjectMapper json) {
    return (request, response, exception) -> {
      Long retryAfter = SignInThrottle.retryAfter(request);
      if (retryAfter != null) {
        SignInThrottle.answer(response, retryAfter, true);
        return;
      }
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
          Texts.both("access.signIn"));
      problem.setTitle(Texts.both("access.unauthenticated"));
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader("WWW-Authenticate", "Basic realm=\"PCM2\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      json.writeValue(response.getOutputStream(), problem);
    };
  }
}
