package org.pcm2.grants.access;

import java.util.List;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;

/**
 * What the step's form refuses in a completion, found by the engine's command guard before
 * the command runs and raised by the task-work guard once it knows the caller may work the
 * task: who first, then what. A person who may not do the step hears 403, not what the form
 * would have wanted. Held for the one command on its thread.
 */
final class StepFieldErrors {

  private record Held(String taskId, List<FieldError> errors) {
  }

  private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

  private StepFieldErrors() {
  }

  static void hold(String taskId, List<FieldError> errors) {
    HELD.set(new Held(taskId, List.copyOf(errors)));
  }

  /** Raises what the form refused in this task's completion, if anything. */
  static void raise(String taskId) {
    Held held = HELD.get();
    if (held != null && held.taskId().equals(taskId)) {
      HELD.remove();
      throw new InvalidInputException(held.errors());
    }
  }

  static void clear() {
    HELD.remove();
  }
}
