package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.UserQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The guard sees a path as the REST layers route it: encoded letters, {@code ;} parameters
 * and doubled slashes do not take a request around it.
 */
class AdministratorGuardTest {

  private AdministratorGuard guard;

  @BeforeEach
  void oneDirectAdministrator() {
    IdentityService identity = mock(IdentityService.class);
    UserQuery everyone = mock(UserQuery.class);
    UserQuery administrators = mock(UserQuery.class);
    when(identity.createUserQuery()).thenReturn(everyone);
    when(everyone.count()).thenReturn(12L);
    when(everyone.memberOfGroup("camunda-admin")).thenReturn(administrators);
    when(administrators.count()).thenReturn(1L);
    when(everyone.userId(anyString())).thenAnswer(call -> {
      UserQuery one = mock(UserQuery.class);
      when(one.memberOfGroup("camunda-admin")).thenReturn(one);
      when(one.count()).thenReturn("admin".equals(call.getArgument(0)) ? 1L : 0L);
      return one;
    });
    guard = new AdministratorGuard(identity);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/user/admin", "/engine-rest/user/admin;x=1", "/engine-rest/user/%61dmin",
      "/engine-rest//user/admin", "/engine-rest/user/admin;a=b/", "/engine-rest/group/camunda-admin",
      "/engine-rest/group/camunda%2Dadmin", "/engine-rest/group/camunda-admin;v=2",
      "/engine-rest/group//camunda-admin/", "/engine-rest/group/camunda-admin/members/admin;x",
      "/engine-rest/group/camunda-admin/members/%61dmin", "/camunda/api/engine/engine/default/user/admin;x=1",
      "/camunda/api/engine/engine/default//group/camunda%2dadmin"})
  void removingTheLastAdministratorIsRefusedHoweverThePathIsSpelt(String path) throws Exception {
    MockHttpServletResponse response = send("DELETE", path);
    assertThat(response.getStatus()).isEqualTo(409);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/camunda/api/admin/setup/default/user/create",
      "/camunda/api/admin/setup;x=1/default/user/create", "/camunda/api/admin//setup/default/user/create",
      "/camunda/api/admin/%73etup/default/user/create", "/camunda/api/admin/setup%2F..%2Fsetup/default/user/create"})
  void theFirstUserSetupIsRefusedHoweverThePathIsSpelt(String path) throws Exception {
    assertThat(send("POST", path).getStatus()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/engine-rest/user/leader1", "/engine-rest/user/leader1;x=1",
      "/engine-rest/group/camunda-admin/members/leader1"})
  void otherRemovalsPass(String path) throws Exception {
    assertThat(send("DELETE", path).getStatus()).isEqualTo(200);
  }

  private MockHttpServletResponse send(String method, String path) throws ServletException, IOException {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    guard.doFilter(request, response, new MockFilterChain());
    return response;
  }
}
