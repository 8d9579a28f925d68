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
    identity.setAuthentication(userId, groupsOf(identity, userId));
  }

  /** The ids of the groups the person belongs to (their roles and their commune). */
  public static List<String> groupsOf(IdentityService identity, String userId) {
    return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  public static String current(ProcessEngineServices services, String fallback) {
    Authentication authentication = services.getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return fallback == null ? SYSTEM : fallback;
  }
}
