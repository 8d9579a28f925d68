package org.pcm2.grants.system;

import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is doing a workflow step: the authenticated user, else a fallback (the assignee, or "system" for jobs). */
public final class Actors {

  public static final String SYSTEM = "system";

  private Actors() {
  }

  public static String current(ProcessEngineServices services, String fallback) {
    Authentication authentication = services.getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return fallback == null ? SYSTEM : fallback;
  }
}
