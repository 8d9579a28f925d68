package org.pcm2.grants.people;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.pcm2.grants.directory.IdentityGroups;

/**
 * A DWC team left with nobody of a role (its last officer leaves the team's group or the
 * officers' group, or is deleted) leaves no step waiting for nobody: the open steps offered to
 * the team's group of that role are offered to everyone of the role too, as a step of a
 * province without a team is, and those newly offered a step are told by mail, as when it
 * was created. The team's group stays a candidate, so a person the administrator adds to the
 * team sees them again. So too when the team's group itself is deleted.
 */
final class TeamFallback {

  private TeamFallback() {
  }

  /**
   * After the person left the group (or was deleted, when the group is null): each team group
   * concerned that has nobody of its role but the person gets its role's group on its open
   * steps, and {@code offered} is told of each step and the group it is now offered to. The
   * caller reads and writes without authorization checks. Returns the steps handed on.
   */
  static int afterLeaving(IdentityService identity, TaskService tasks, BiConsumer<String, String> offered,
      String person, String group) {
    int handed = 0;
    for (String teamGroup : teamGroupsConcerned(identity, group)) {
      String role = IdentityGroups.roleOfTeamGroup(teamGroup).orElseThrow();
      // the membership just removed may still be read in this command: the person counts for nobody
      Set<String> ofRole = identity.createUserQuery().memberOfGroup(role).list().stream().map(User::getId)
          .filter(id -> !id.equals(person)).collect(Collectors.toSet());
      boolean staffed = identity.createUserQuery().memberOfGroup(teamGroup).list().stream().map(User::getId)
          .anyMatch(ofRole::contains);
      if (staffed) {
        continue;
      }
      handed += handOn(tasks, offered, teamGroup, role);
    }
    return handed;
  }

  /**
   * After a team's group was deleted (as an administrator may in Camunda Admin, which removes its
   * memberships and its rights on the steps): its open steps are offered to the role's group.
   */
  static int afterDeleted(TaskService tasks, BiConsumer<String, String> offered, String teamGroup) {
    return handOn(tasks, offered, teamGroup, IdentityGroups.roleOfTeamGroup(teamGroup).orElseThrow());
  }

  private static int handOn(TaskService tasks, BiConsumer<String, String> offered, String teamGroup, String role) {
    int handed = 0;
    for (Task task : tasks.createTaskQuery().taskCandidateGroup(teamGroup).includeAssignedTasks().list()) {
      boolean offeredToRole = tasks.getIdentityLinksForTask(task.getId()).stream()
          .map(IdentityLink::getGroupId).anyMatch(role::equals);
      if (!offeredToRole) {
        tasks.addCandidateGroup(task.getId(), role);
        if (task.getAssignee() == null) {
          offered.accept(task.getId(), role); // a step someone holds waits for nobody else
        }
        handed++;
      }
    }
    return handed;
  }

  private static List<String> teamGroupsConcerned(IdentityService identity, String group) {
    if (group != null && IdentityGroups.isDwcTeamGroup(group)) {
      return List.of(group);
    }
    if (group != null && !IdentityGroups.DWC_ROLES.contains(group)) {
      return List.of();
    }
    return identity.createGroupQuery().groupType(IdentityGroups.TYPE_TEAM).list().stream().map(Group::getId)
        .filter(id -> group == null || IdentityGroups.roleOfTeamGroup(id).orElse("").equals(group)).toList();
  }
}
