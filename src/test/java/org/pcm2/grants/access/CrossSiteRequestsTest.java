package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

/** Which requests count as sent by a browser for another site's page. */
class CrossSiteRequestsTest {

  private final CrossSiteRequests crossSite = new CrossSiteRequests();

  @Test
  void unsafeRequestsFromAnotherOriginOrSiteMatch() {
    assertThat(crossSite.matches(request("POST", "Origin", "https://evil.example"))).isTrue();
    assertThat(crossSite.matches(request("DELETE", "Origin", "null"))).isTrue();
    assertThat(crossSite.matches(request("PUT", "Origin", "http://localhost:8081"))).isTrue();
    assertThat(crossSite.matches(request("PATCH", "Origin", "https://localhost:8080"))).isTrue();
    assertThat(crossSite.matches(request("POST", "Origin", "not a url ::"))).isTrue();
    assertThat(crossSite.matches(request("POST", "Sec-Fetch-Site", "cross-site"))).isTrue();
    assertThat(crossSite.matches(request("POST", "Sec-Fetch-Site", "same-site"))).isTrue();
  }

  @Test
  void readsTheApplicationsOwnOriginAndCommandLineClientsDoNotMatch() {
    assertThat(crossSite.matches(request("GET", "Origin", "https://evil.example"))).isFalse();
    assertThat(crossSite.matches(request("GET", "Sec-Fetch-Site", "cross-site"))).isFalse();
    assertThat(crossSite.matches(request("POST", "Origin", "http://localhost:8080"))).isFalse();
    assertThat(crossSite.matches(request("POST", "Sec-Fetch-Site", "same-origin"))).isFalse();
    assertThat(crossSite.matches(request("POST", "Sec-Fetch-Site", "none"))).isFalse();
    assertThat(crossSite.matches(request("POST", "X-Nothing", "curl"))).isFalse();
  }

  @Test
  void behindAProxyTheOriginIsComparedWithTheForwardedOne() throws Exception {
    MockHttpServletRequest proxied = request("POST", "Origin", "https://pcm.example.org");
    proxied.addHeader("X-Forwarded-Proto", "https");
    proxied.addHeader("X-Forwarded-Host", "pcm.example.org");
    assertThat(crossSite.matches(proxied)).isTrue(); // as the server sees it without the proxy's word
    AtomicBoolean matched = new AtomicBoolean(true);
    new ForwardedHeaderFilter().doFilter(proxied, new MockHttpServletResponse(),
        (seen, response) -> matched.set(crossSite.matches((HttpServletRequest) seen)));
    assertThat(matched).isFalse();
  }

  private static MockHttpServletRequest request(String method, String header, String value) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/cycles/CM-2026-1/close");
    request.setScheme("http");
    request.setServerName("localhost");
    request.setServerPort(8080);
    request.addHeader(header, value);
    return request;
  }
}
