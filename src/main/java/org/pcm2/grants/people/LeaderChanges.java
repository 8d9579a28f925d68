package org.pcm2.grants.people;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CommandArguments;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.notification.TaskMailListener;
import org.springframework.stereotype.Component;

/**
 * A person who leaves a commune's leaders (an election, a transfer), a DWC team or a DWC role,
 * or is deleted, keeps no step they can no longer finish: the steps they had claimed go back to
 * their group (the commune's leaders, the team, the role), open to the others at once, and the
 * rights the claim gave them are removed. It runs inside the engine's command that removes the
 * membership or the person, in its transaction, whichever door sent it (Camunda Admin,
 * engine-rest, the Java API). A DWC team left with nobody of a role, or whose group is deleted,
 * offers its waiting steps to the role's group ({@link TeamFallback}). A person who joins needs
 * nothing: the commune's steps are offered to its group, so they see them at once.
 */
@Component
class LeaderChanges extends AbstractProcessEnginePlugin {

  private final TaskMailListener mails;

  LeaderChanges(TaskMailListener mails) {
    this.mails = mails;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new AfterLeaving());
  }

  /** Runs inside the command context, after the membership or the person is gone. */
  private final class AfterLeaving extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      T result = next.execute(command);
      String[] membership = CommandArguments.removedMembership(command);
      String deletedGroup = CommandArguments.deletedGroup(command);
      String deleted = CommandArguments.deletedUser(command);
      if (membership == null && deletedGroup == null && deleted == null) {
        return result;
      }
      ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
      TaskService tasks = engine.getTaskService();
      AuthorizationService authorizations = engine.getAuthorizationService();
      IdentityService identity = engine.getIdentityService();
      // those a step is newly offered to are told, as when it was created
      BiConsumer<String, String> offered = (task, group) -> mails.offeredTo(
          Context.getCommandContext().getTaskManager().findTaskById(task), List.of(group));
      // what follows reads and writes every step and right concerned, whoever removed the person
      Context.getCommandContext().runWithoutAuthorization(() -> {
        if (membership != null && (IdentityGroups.isCommuneLeadersGroup(membership[1])
            || IdentityGroups.isDwcTeamGroup(membership[1]))) {
          ClaimedSteps.giveBack(tasks, authorizations, membership[0], membership[1]);
        }
        if (membership != null && IdentityGroups.DWC_ROLES.contains(membership[1])) {
          // who leaves a DWC role can finish none of its steps: the role's and its teams' go back
          ClaimedSteps.giveBack(tasks, authorizations, membership[0], membership[1]);
          for (Group team : identity.createGroupQuery().groupType(IdentityGroups.TYPE_TEAM).list()) {
            if (IdentityGroups.roleOfTeamGroup(team.getId()).filter(membership[1]::equals).isPresent()) {
              ClaimedSteps.giveBack(tasks, authorizations, membership[0], team.getId());
            }
          }
        }
        if (membership != null && IdentityGroups.isDwcGroup(membership[1])) {
          TeamFallback.afterLeaving(identity, tasks, offered, membership[0], membership[1]);
        }
        if (deletedGroup != null && IdentityGroups.isDwcTeamGroup(deletedGroup)) {
          TeamFallback.afterDeleted(tasks, offered, deletedGroup);
        }
        if (deleted != null) {
          ClaimedSteps.giveBack(tasks, authorizations, deleted, null);
          TeamFallback.afterLeaving(identity, tasks, offered, deleted, null);
        }
        return null;
      });
      return result;
    }
  }
}
