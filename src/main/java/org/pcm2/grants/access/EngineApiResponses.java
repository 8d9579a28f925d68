package org.pcm2.grants.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Refusals on the engine APIs in the shape Camunda's REST layer uses: {@code {type, message}}. */
final class EngineApiResponses {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineApiResponses() {
  }

  static void refuse(HttpServletResponse response, int status, String type, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), Map.of("type", type, "message", message));
  }
}
