package org.pcm2.grants.people;

import java.util.ArrayList;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CommandArguments;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.pcm2.grants.directory.IdentityGroups;
import org.springframework.stereotype.Component;

/**
 * A person who leaves a commune's leaders (an election, a transfer) or a DWC team, or is deleted, keeps no
 * task of the commune: the steps they had claimed go back to the commune's leaders, open to
 * the others at once, and the rights the claim gave them are removed. It runs inside the
 * engine's command that removes the membership or the person, in its transaction, whichever
 * door sent it (Camunda Admin, engine-rest, the Java API). A DWC team left with nobody of a
 * role offers its waiting steps to the role's group ({@link TeamFallback}). A person who joins needs nothing:
 * the commune's steps are offered to its group, so they see them at once.
 */
@Component
class LeaderChanges extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new AfterLeaving());
  }

  /** Runs inside the command context, after the membership or the person is gone. */
  private static final class AfterLeaving extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      T result = next.execute(command);
      String[] membership = CommandArguments.removedMembership(command);
      if (membership != null && (IdentityGroups.isCommuneLeadersGroup(membership[1])
          || IdentityGroups.isDwcTeamGroup(membership[1]))) {
        returnClaimedTasks(membership[0], membership[1]);
      }
      if (membership != null && IdentityGroups.isDwcGroup(membership[1])) {
        handOnTeamSteps(membership[0], membership[1]);
      }
      String deletedGroup = CommandArguments.deletedGroup(command);
      if (deletedGroup != null && IdentityGroups.isDwcTeamGroup(deletedGroup)) {
        ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
        Context.getCommandContext().runWithoutAuthorization(() -> TeamFallback.afterDeleted(
            engine.getTaskService(), deletedGroup));
      }
      String deleted = CommandArguments.deletedUser(command);
      if (deleted != null) {
        returnClaimedTasks(deleted, null);
        handOnTeamSteps(deleted, null);
      }
      return result;
    }
  }

  /** A team left with nobody of a role offers its waiting steps to the role's group ({@link TeamFallback}). */
  private static void handOnTeamSteps(String person, String group) {
    ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
    Context.getCommandContext().runWithoutAuthorization(() -> TeamFallback.afterLeaving(
        engine.getIdentityService(), engine.getTaskService(), person, group));
  }

  /** The person's claimed tasks offered to the group (or to any group, when null) go back to it. */
  private static void returnClaimedTasks(String person, String group) {
    ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
    TaskService tasks = engine.getTaskService();
    AuthorizationService authorizations = engine.getAuthorizationService();
    Context.getCommandContext().runWithoutAuthorization(() -> ClaimedSteps.giveBack(tasks, authorizations, person,
        group));
  }
}
