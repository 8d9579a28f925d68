package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input with wrong or missing fields. Thrown inside the engine's transaction, so a start,
 * a resubmission or a task completion that carries it leaves nothing behind and the task
 * stays open; the REST API answers 400 with the message, which names every wrong field.
 */
public class InvalidInputException extends BadUserRequestException {

  private final transient List<FieldError> errors;

  public InvalidInputException(List<FieldError> errors) {
    super(Texts.both("system.invalidInput") + ": "
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
    Refusals.mark(getMessage());
  }

  public List<FieldError> errors() {
    return errors;
  }
}
