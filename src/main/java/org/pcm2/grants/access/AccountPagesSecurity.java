package org.pcm2.grants.access;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The account pages ({@code /account/**}: choosing a password through a one-time link, a
 * forgotten password) are for people who cannot sign in yet, so anyone may open them. Their
 * forms are protected from other sites by Spring's session-based CSRF token (the forms carry
 * it), the policy of the other pages applies, and no page sends the address it was opened at
 * (with its one-time token) to another as a referrer. The public feedback pages ({@code
 * /feedback/**}: anyone tells the programme something, and looks it up by its reference) are
 * open alike, for the same reason, under the same protections.
 */
@Configuration(proxyBeanMethods = false)
class AccountPagesSecurity {

  @Bean
  SecurityFilterChain accountPagesFilterChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/account/**", "/feedback/**", "/feedback")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .requestCache(cache -> cache.disable())
        .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) -> {
          // the only refusal here: a form sent without this session's CSRF token (another
          // site's page, or a session that expired while the form was open)
          response.setStatus(HttpServletResponse.SC_FORBIDDEN);
          response.setContentType("text/html;charset=UTF-8");
          response.getOutputStream().write(("""
              <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Phiên đã hết hạn</title></head><body>
              <p>Phiên làm việc đã hết hạn hoặc biểu mẫu không gửi từ trang này: hãy mở lại trang rồi gửi lại.</p>
              <p lang="en">The session expired or the form was not sent from this page: open the page again and
              send it again.</p></body></html>""").getBytes(StandardCharsets.UTF_8));
        }))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:;"
                + " style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
        .build();
  }
}
