package org.pcm2.grants.funding;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pcm2.grants.system.Refusals;

/** A money step that would break an invariant: the step is refused and nothing is recorded. */
public class FundingRefusedException extends BadUserRequestException {

  public FundingRefusedException(String message) {
    super(message);
    Refusals.mark(message);
  }
}
