package org.pcm2.grants.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.texts.Texts;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Closes a hole of Camunda 7.24 Community: the Admin webapp's first-user setup
 * ({@code /camunda/api/admin/setup/**}), which needs no sign-in, opens again whenever the
 * {@code camunda-admin} group has no direct member. So the setup is refused once anybody
 * has an account, and the last direct administrator can be neither removed from the
 * group nor deleted, nor the group itself, through either engine API. Paths are matched as
 * the REST layers route them (decoded, {@code ;} parameters and duplicate slashes removed),
 * so {@code /user/admin;x=1} or {@code /group/camunda%2Dadmin} are the same requests.
 */
public class AdministratorGuard extends OncePerRequestFilter {

  private static final String ENGINE_API = "(?:/engine-rest|/camunda/api/engine/engine/[^/]+)";
  private static final Pattern LEAVE_GROUP =
      Pattern.compile(ENGINE_API + "/group/camunda-admin/members/([^/]+)/?");
  private static final Pattern DELETE_USER = Pattern.compile(ENGINE_API + "/user/([^/]+)/?");
  private static final Pattern DELETE_GROUP = Pattern.compile(ENGINE_API + "/group/camunda-admin/?");

  /** Decodes, removes {@code ;} parameters and duplicate slashes (Spring's defaults). */
  private static final UrlPathHelper PATHS = new UrlPathHelper();

  private final IdentityService identity;

  AdministratorGuard(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = PATHS.getPathWithinApplication(request);
    if (path.startsWith("/camunda/api/admin/setup/") && identity.createUserQuery().count() > 0) {
      EngineApiResponses.refuse(response, HttpServletResponse.SC_FORBIDDEN, "AuthorizationException",
          Texts.both("access.setupClosed"));
      return;
    }
    if ("DELETE".equals(request.getMethod()) && removesLastAdministrator(path)) {
      EngineApiResponses.refuse(response, HttpServletResponse.SC_CONFLICT, "InvalidRequestException",
          Texts.both("access.lastAdministrator"));
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean removesLastAdministrator(String path) {
    if (DELETE_GROUP.matcher(path).matches()) {
      return true;
    }
    Matcher leave = LEAVE_GROUP.matcher(path);
    Matcher delete = DELETE_USER.matcher(path);
    String user = leave.matches() ? leave.group(1) : delete.matches() ? delete.group(1) : null;
    if (user == null) {
      return false;
    }
    boolean administrator = identity.createUserQuery().userId(user).memberOfGroup(IdentityGroups.ADMINISTRATORS)
        .count() > 0;
    return administrator
        && identity.createUserQuery().memberOfGroup(IdentityGroups.ADMINISTRATORS).count() <= 1;
  }

  /** Registers the guard on the setup endpoint and both engine APIs. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    FilterRegistrationBean<AdministratorGuard> administratorGuard(@Lazy IdentityService identity) {
      FilterRegistrationBean<AdministratorGuard> registration =
          new FilterRegistrationBean<>(new AdministratorGuard(identity));
      registration.addUrlPatterns("/camunda/api/admin/setup/*", "/engine-rest/*", "/camunda/api/engine/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
      return registration;
    }
  }
}
