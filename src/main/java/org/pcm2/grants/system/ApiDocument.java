package org.pcm2.grants.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/**
 * What the API document ({@code /api/openapi}) tells a client besides the paths: the build's
 * version, that every call needs HTTP Basic (the same user and password as the Tasklist), a
 * stable {@code operationId} for each operation (its controller and method: {@code
 * subprojectRead}), and the refusals each can answer, as RFC 9457 problem details with the
 * {@code errors} list the API fills (field and why, in Vietnamese and English).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {

  static final String BASIC = "basic";
  /** The token given once for the password ({@code POST /api/tokens}), sent instead of it. */
  static final String TOKEN = "token";
  static final String PROBLEM = "Problem";
  private static final String PROBLEM_JSON = "application/problem+json";

  /** Each refusal the API answers, with what it means to a client. */
  private static final Map<String, String> REFUSALS = Map.of(
      "400", "Dữ liệu chưa hợp lệ: mỗi trường sai có trong errors / Invalid input, each wrong field in errors",
      "401", "Cần đăng nhập (HTTP Basic) / Sign-in needed (HTTP Basic)",
      "403", "Không được làm việc này / Not allowed",
      "404", "Không có, hoặc người hỏi không được xem / Not there, or not the caller's to see",
      "409", "Xung đột với dữ liệu hiện có / Conflicts with what is there",
      "413", "Tệp hoặc nội dung quá lớn / The file or body is too large",
      "429", "Thử lại sau (Retry-After) / Try again later (Retry-After)",
      "503", "Cơ sở dữ liệu tạm thời không trả lời (Retry-After) / The database is briefly unavailable (Retry-After)");

  @Bean
  OpenAPI openApi(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema()
        .description("Trường, hoặc tệp:dòng:cột / The field, or file:line:column"))
        .addProperty("message", new StringSchema().description("Lý do, tiếng Việt / English"));
    Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details")
        .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")))
        .addProperty("reference", new StringSchema().description("Server errors: the reference in the log"));
    return new OpenAPI()
        // the address the document is read from, whatever the host: never this machine's name
        .servers(java.util.List.of(new io.swagger.v3.oas.models.servers.Server().url("/")
            .description("Nơi đọc tài liệu này / Where this document is served")))
        .info(new Info().title("PCM2 — API quy trình tài trợ / Grants workflow API")
            .version(properties == null ? "development" : properties.getVersion())
            .description("Tiểu dự án, đợt cấp vốn, danh mục và người của chương trình PCM2. Đăng nhập bằng HTTP Basic"
                + " với tài khoản Danh sách việc. / Sub-projects, funding cycles, the directory and the people of the"
                + " PCM2 programme. Sign in with HTTP Basic, the Tasklist's user and password.")
            .contact(new Contact().name("DWC"))
            // DWC owns the programme's software and has not published it under an open licence:
            // all rights reserved, named as SPDX names a licence of its own (LicenseRef-)
            .license(new io.swagger.v3.oas.models.info.License().identifier("LicenseRef-DWC-All-Rights-Reserved")
                .name("Bản quyền DWC, chưa cấp phép mở / © DWC, all rights reserved (no open licence)")))
        .components(new Components()
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("Tài khoản Danh sách việc / The Tasklist's user and password"))
            .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("pcm_…")
                .description("Mã từ POST /api/tokens, thay cho mật khẩu / The token of POST /api/tokens, instead of "
                    + "the password"))
            .addSchemas("FieldError", fieldError).addSchemas(PROBLEM, problem))
        .addSecurityItem(new SecurityRequirement().addList(BASIC))
        .addSecurityItem(new SecurityRequirement().addList(TOKEN));
  }

  /** Reads that refuse a signed-in person outside their audience with 403 (not only writes). */
  private static final java.util.Set<String> REFUSE_OUTSIDERS = java.util.Set.of("portfolioPortfolio",
      "portfolioPortfolioCsv", "portfolioSubprojectsCsv", "portfolioSubprojectsXlsx", "portfolioCostOutliers");

  @Bean
  OperationCustomizer apiOperations() {
    return (operation, handler) -> {
      operation.setOperationId(operationId(handler));
      if (operation.getSummary() == null || operation.getSummary().isBlank()) {
        operation.setSummary(handler.getMethod().getName());
      }
      ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
      refuse(responses, "401");
      refuse(responses, "429"); // wrong passwords slow their sender down: any call may be told to wait
      refuse(responses, "503");
      refuse(responses, "404");
      if (takesInput(operation)) {
        refuse(responses, "400");
      }
      if (REFUSE_OUTSIDERS.contains(operation.getOperationId())) {
        refuse(responses, "403"); // the reports: DWC and commune leaders only
      }
      if (writes(handler)) {
        refuse(responses, "403");
        refuse(responses, "409");
      }
      if (uploads(operation)) {
        refuse(responses, "413");
      }
      operation.setResponses(responses);
      return operation;
    };
  }

  /** {@code SubprojectApi.read} becomes {@code subprojectRead}: stable while the code's names are. */
  static String operationId(HandlerMethod handler) {
    String type = handler.getBeanType().getSimpleName().replaceAll("(Api|Pages?)$", "");
    String method = handler.getMethod().getName();
    return type.substring(0, 1).toLowerCase(Locale.ROOT) + type.substring(1)
        + method.substring(0, 1).toUpperCase(Locale.ROOT) + method.substring(1);
  }

  private static boolean takesInput(Operation operation) {
    return operation.getRequestBody() != null || operation.getParameters() != null
        && !operation.getParameters().isEmpty();
  }

  /** Whether the operation takes a file (a multipart upload or a CSV), which has a size limit. */
  private static boolean uploads(Operation operation) {
    return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
        && operation.getRequestBody().getContent().keySet().stream()
            .anyMatch(type -> type.startsWith("multipart/") || type.startsWith("text/csv"));
  }

  private static boolean writes(HandlerMethod handler) {
    return !handler.hasMethodAnnotation(org.springframework.web.bind.annotation.GetMapping.class);
  }

  private static void refuse(ApiResponses responses, String status) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, new ApiResponse().description(REFUSALS.get(status)).content(new Content()
          .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }
  }
}
