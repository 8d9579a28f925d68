package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A 5xx body of the engine APIs becomes a reference; the log has it with the exception. */
@ExtendWith(OutputCaptureExtension.class)
class EngineServerErrorBodiesTest {

  private final EngineServerErrorBodies filter = new EngineServerErrorBodies();

  @Test
  void aServerErrorSaysOnlyItsReference(CapturedOutput output) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/task/42/complete");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> {
      req.setAttribute(EngineServerErrorBodies.EXCEPTION, new IllegalStateException("SELECT secret FROM act_ru"));
      ((jakarta.servlet.http.HttpServletResponse) res).setStatus(500);
      res.getOutputStream().write("{\"type\":\"ProcessEngineException\",\"message\":\"SELECT secret FROM act_ru\"}"
          .getBytes(StandardCharsets.UTF_8));
    });
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(body).doesNotContain("secret").doesNotContain("ProcessEngineException").contains("Lỗi hệ thống")
        .contains("Unexpected error");
    String reference = body.replaceAll(".*\"reference\":\"([0-9a-f]{12})\".*", "$1");
    assertThat(reference).matches("[0-9a-f]{12}");
    assertThat(output.getAll()).contains("Server error, reference " + reference
        + ": POST /engine-rest/task/42/complete answered 500").contains("IllegalStateException: SELECT secret");
  }

  @Test
  void refusalsKeepTheirWords() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/task/42/complete");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, (req, res) -> {
      ((jakarta.servlet.http.HttpServletResponse) res).setStatus(400);
      res.getOutputStream().write("{\"message\":\"reviewComment: bắt buộc / required\"}"
          .getBytes(StandardCharsets.UTF_8));
    });
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("reviewComment: bắt buộc / required");
  }
}
