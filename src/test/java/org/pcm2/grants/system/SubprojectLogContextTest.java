package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SubprojectLogContextTest {

  private final List<String> seen = new ArrayList<>();

  private void call(String path) throws Exception {
    new SubprojectLogContext().doFilter(new MockHttpServletRequest("POST", path), new MockHttpServletResponse(),
        (request, response) -> seen.add(MDC.get(SubprojectLogContext.KEY)));
  }

  @Test
  void theLinesOfASubprojectsCallsCarryItsCodeAndNoOtherCallsDo() throws Exception {
    call("/api/subprojects/TDA-2026-05740-001/tasks/UserTask_ReviewProposal");
    call("/api/subprojects/TDA-2026-05740-002");
    call("/api/subprojects");
    call("/api/cycles/CM-2026-1");
    assertThat(seen).containsExactly("TDA-2026-05740-001", "TDA-2026-05740-002", null, null);
    assertThat(MDC.get(SubprojectLogContext.KEY)).as("removed after the call").isNull();
  }
}
