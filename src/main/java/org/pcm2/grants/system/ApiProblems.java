package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
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
    return withErrors(List.of(new FieldError(e.field(), Texts.both("directory.unknownCode", e.code(), e.field()))));
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle(Texts.both("system.notFound"));
    return problem;
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle(Texts.both("system.forbidden"));
    return problem;
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return conflictProblem(e.getMessage());
  }

  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrent(OptimisticLockingException e) {
    return conflictProblem(Texts.both("system.doneByOther"));
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
        return conflictProblem(Texts.both("system.doneByOtherRequest"));
      }
      if (cause instanceof AuthorizationException) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
            Texts.both("system.notYourStep"));
        problem.setTitle(Texts.both("system.forbidden"));
        return problem;
      }
      if (cause instanceof BadUserRequestException refused) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
        problem.setTitle(Texts.both("system.refused"));
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
        "file: " + Texts.both("system.fileTooLarge"));
    problem.setTitle(Texts.both("system.fileTooLargeTitle"));
    problem.setProperty("errors", List.of(Map.of("field", "file", "message", Texts.both("system.atMost10MB"))));
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
      // the same notation as the validator's: budgetItems[0].amount, minutesFiles[1]
      String field = mapping.getPath().stream().map(p -> p.getFieldName() != null ? "." + p.getFieldName()
          : "[" + p.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
      String expected = mapping instanceof InvalidFormatException || mapping instanceof MismatchedInputException
          ? Texts.both("system.wrongType") : Texts.both("system.unreadable");
      error = new FieldError(field, expected);
    } else {
      error = new FieldError("body", Texts.both("system.malformedJson"));
    }
    return ResponseEntity.badRequest().body(withErrors(List.of(error)));
  }

  private static ProblemDetail withErrors(List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    problem.setTitle(Texts.both("system.invalidInput"));
    problem.setProperty("errors", errors.stream()
        .map(error -> Map.of("field", error.field(), "message", error.message())).toList());
    return problem;
  }

  private static ProblemDetail conflictProblem(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
    problem.setTitle(Texts.both("system.conflict"));
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
