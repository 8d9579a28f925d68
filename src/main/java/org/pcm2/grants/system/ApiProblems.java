package org.pcm2.grants.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.pcm2.grants.directory.UnknownCodeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the project's API as RFC 9457 problem details: each wrong field named, the
 * message in Vietnamese then English; never a stack trace, never a bare 500 for bad input; a
 * server error says only the reference it is logged under ({@link ServerErrors}).
 */
@RestControllerAdvice(basePackages = "org.pcm2.grants")
class ApiProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidInputException.class)
  ProblemDetail invalid(InvalidInputException e) {
    return withErrors(e.errors());
  }

  @ExceptionHandler(UnknownCodeException.class)
  ProblemDetail unknown(UnknownCodeException e) {
    return withErrors(List.of(new FieldError(e.field(), "không tồn tại / unknown code '" + e.code() + "'")));
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Không tìm thấy / Not found");
    return problem;
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Không được phép / Forbidden");
    return problem;
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return conflictProblem(e.getMessage());
  }

  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrent(OptimisticLockingException e) {
    return conflictProblem("Việc này vừa được người khác xử lý; hãy tải lại / Someone else has just done this; reload");
  }

  /** A refusal of the engine or of a money step (often wrapped by the engine): 400 or 409. */
  @ExceptionHandler(ProcessEngineException.class)
  ProblemDetail engine(ProcessEngineException e, HttpServletResponse response) {
    if (DatabaseOutage.causes(e)) {
      return DatabaseOutage.problem(response, e);
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return withErrors(invalid.errors());
      }
      if (cause instanceof OptimisticLockingException) {
        return concurrent((OptimisticLockingException) cause);
      }
      if (cause instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
        // the same row written by two requests at once (one person's step sent twice): the loser is told
        return conflictProblem("Việc này vừa được xử lý bởi một yêu cầu khác; hãy tải lại / This has just been done"
            + " by another request; reload");
      }
      if (cause instanceof AuthorizationException) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
            "Việc này không thuộc phần việc của bạn / this step is not yours to take");
        problem.setTitle("Không được phép / Forbidden");
        return problem;
      }
      if (cause instanceof BadUserRequestException refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
        problem.setTitle("Không thực hiện được / Refused");
        return problem;
      }
    }
    return unexpected(e);
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      org.springframework.web.multipart.MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "file: tệp lớn hơn 10 MB / file larger than 10 MB");
    problem.setTitle("Tệp quá lớn / File too large");
    problem.setProperty("errors", List.of(Map.of("field", "file", "message", "tối đa 10 MB / at most 10 MB")));
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail other(Exception e, HttpServletResponse response) {
    if (DatabaseOutage.causes(e)) {
      return DatabaseOutage.problem(response, e);
    }
    return unexpected(e);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldError error;
    if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream().map(p -> p.getFieldName() != null ? p.getFieldName()
          : "[" + p.getIndex() + "]").collect(Collectors.joining("."));
      String expected = mapping instanceof InvalidFormatException || mapping instanceof MismatchedInputException
          ? "sai kiểu dữ liệu / wrong type" : "không đọc được / unreadable";
      error = new FieldError(field, expected);
    } else {
      error = new FieldError("body", "JSON không hợp lệ / malformed JSON");
    }
    return ResponseEntity.badRequest().body(withErrors(List.of(error)));
  }

  private static ProblemDetail withErrors(List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    problem.setTitle("Dữ liệu chưa hợp lệ / Invalid input");
    problem.setProperty("errors", errors.stream()
        .map(error -> Map.of("field", error.field(), "message", error.message())).toList());
    return problem;
  }

  private static ProblemDetail conflictProblem(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
    problem.setTitle("Xung đột / Conflict");
    return problem;
  }

  /** A 500 that says nothing of the failure but the reference it is logged under. */
  private static ProblemDetail unexpected(Exception e) {
    String reference = ServerErrors.logged(e.getClass().getSimpleName() + " in the API", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        ServerErrors.message(reference));
    problem.setTitle(ServerErrors.TITLE);
    problem.setProperty("reference", reference);
    return problem;
  }
}
