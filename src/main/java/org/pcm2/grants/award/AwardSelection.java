package org.pcm2.grants.award;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.Money;
import org.pcm2.grants.texts.Texts;

/**
 * The rule of a round's selection, apart from where it is kept: the amounts asked for
 * replace the candidates' current ones (all of them, or only those named), none negative,
 * only candidates of the round, and the total within the round's budget. A wrong selection
 * is refused whole, naming each fault.
 */
final class AwardSelection {

  /** Whether the candidates not named keep their amount or fall back to 0. */
  enum Mode {
    /** The whole selection is sent (the Tasklist's form): a candidate not named gets nothing. */
    REPLACE_ALL,
    /** One or a few awards are set (the API): the others keep theirs. */
    ONLY_THOSE_NAMED
  }

  /** The amounts of every candidate after the selection, in rank order, and their total. */
  record Result(Map<String, Long> amounts, long total) {
  }

  private AwardSelection() {
  }

  /**
   * @param current every candidate of the round with its current amount, in rank order
   * @param asked the amounts asked for, by sub-project code
   * @param field the input field the refusals name
   */
  static Result apply(String roundCode, long budget, List<Award> current, Map<String, Long> asked, Mode mode,
      String field) {
    Map<String, Long> next = new LinkedHashMap<>();
    for (Award award : current) {
      next.put(award.subprojectCode(), mode == Mode.REPLACE_ALL ? 0L : award.amount());
    }
    List<FieldError> errors = new ArrayList<>();
    asked.forEach((code, amount) -> {
      if (!next.containsKey(code)) {
        errors.add(new FieldError(field, Texts.both("award.notCandidate", code, roundCode)));
      } else if (amount == null || amount < 0) {
        errors.add(new FieldError(field, Texts.both("award.negative", code)));
      } else {
        next.put(code, amount);
      }
    });
    long total = next.values().stream().mapToLong(Long::longValue).sum();
    if (errors.isEmpty() && total > budget) {
      errors.add(new FieldError(field, Texts.both("award.overBudget", Money.format(total), Money.format(budget))));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Result(next, total);
  }
}
