package org.pcm2.grants.access;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * Grants in Camunda's authorizations the application keeps right: the grant of a group
 * (or a user) on one resource is created when missing and given the permissions it lacks;
 * one that already holds them is left untouched, so any start or step may ask again.
 */
public final class Grants {

  private Grants() {
  }

  public static void toGroup(AuthorizationService authorizations, String group, Resource resource, String resourceId,
      Permission... permissions) {
    ensure(authorizations, group, null, resource, resourceId, permissions);
  }

  public static void toUser(AuthorizationService authorizations, String user, Resource resource, String resourceId,
      Permission... permissions) {
    ensure(authorizations, null, user, resource, resourceId, permissions);
  }

  private static void ensure(AuthorizationService authorizations, String group, String user, Resource resource,
      String resourceId, Permission... permissions) {
    AuthorizationQuery query = authorizations.createAuthorizationQuery().resourceType(resource).resourceId(resourceId);
    query = group != null ? query.groupIdIn(group) : query.userIdIn(user);
    Authorization authorization = query.list().stream().filter(a -> a.getAuthorizationType() == AUTH_TYPE_GRANT)
        .findFirst().orElse(null);
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setUserId(user);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (List.of(permissions).stream().allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
