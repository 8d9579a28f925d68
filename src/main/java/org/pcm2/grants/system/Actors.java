package org.pcm2.grants.system;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is doing a workflow step: the authenticated user, else a fallback (the assignee, or "system" for jobs). */
public final class Actors {

  public static final String SYSTEM = "system";

  private Actors() {
  }

  /**
   * Signs the person in for the engine calls that follow on this thread, with their groups,
   * so that the engine's authorizations of their groups apply. Clear it when done.
   */
  public static void authenticate(IdentityService identity, String userId) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
  }

  public static String current(ProcessEngineServices services, String fallback) {
    Authentication authentication = services.getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return fallback == null ? SYSTEM : fallback;
  }
}
