package org.pcm2.grants.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.pcm2.grants.system.Actors;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in an API call that carries {@code Authorization: Bearer <token>} as the token's
 * holder, with their groups as they are now; a token that is not a working one gets 401, never
 * a fall back to anything else. Calls without a token go on to HTTP Basic.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

  /** The request attribute that marks a call signed in by a token (a token cannot give another token). */
  static final String BY_TOKEN = ApiTokenFilter.class.getName() + ".byToken";

  private final ApiTokens tokens;
  private final IdentityService identity;
  private final AuthenticationEntryPoint entryPoint;

  ApiTokenFilter(ApiTokens tokens, IdentityService identity, AuthenticationEntryPoint entryPoint) {
    this.tokens = tokens;
    this.identity = identity;
    this.entryPoint = entryPoint;
  }

  /** The token of the call, or null when it carries none. */
  static String bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = bearer(request);
    if (token == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> holder = tokens.holder(token);
    if (holder.isEmpty()) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(request, response, new BadCredentialsException("token"));
      return;
    }
    List<SimpleGrantedAuthority> groups = Actors.groupsOf(identity, holder.get()).stream()
        .map(SimpleGrantedAuthority::new).toList();
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(holder.get(), null, groups));
    request.setAttribute(BY_TOKEN, Boolean.TRUE);
    chain.doFilter(request, response);
  }
}
