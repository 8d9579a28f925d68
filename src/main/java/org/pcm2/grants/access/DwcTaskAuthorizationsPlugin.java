package org.pcm2.grants.access;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.pcm2.grants.directory.IdentityGroups;
import org.springframework.stereotype.Component;

/**
 * Keeps DWC's queue fast at national scale: a task waiting for a DWC group gives that group
 * the right to work it, not a second right to read it.
 *
 * <p>For each candidate group of a task the engine writes an authorization to read and work
 * that task. The DWC groups already read every task ({@link RoleAuthorizations}), so for
 * them (and a DWC team's groups, whose people are DWC's) the per-task read right changes nothing, yet it is what made their Tasklist slow:
 * the engine checks a task query against every read right the person holds, with a join
 * PostgreSQL can only run as a nested loop: at national scale the DWC officers held
 * 25,000 of them, one per task waiting for them, and a page of their 12,500 appraisals
 * made 12,500 × 25,000 comparisons (about 0.7 s). Commune leaders and facilitators, who
 * read only their own, keep the engine's authorizations as they are.
 */
@Component
class DwcTaskAuthorizationsPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new DwcTaskAuthorizations());
  }

  /** The engine's own provider, with work-only task authorizations for the DWC groups. */
  static class DwcTaskAuthorizations extends DefaultAuthorizationProvider {
    @Override
    protected AuthorizationEntity[] createOrUpdateAuthorizations(Task task, String groupId, String userId) {
      if (groupId == null || !IdentityGroups.isDwcGroup(groupId)) {
        return super.createOrUpdateAuthorizations(task, groupId, userId);
      }
      return new AuthorizationEntity[] {
          createOrUpdateAuthorization(task, null, groupId, Resources.TASK, false, getDefaultUserPermissionForTask())};
    }
  }
}
