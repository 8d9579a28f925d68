package org.pcm2.grants.system;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * On PostgreSQL, the queries people wait on (a Tasklist filter's page and count, any engine
 * query but one that names its instance, step or person) are planned for their own values;
 * every other statement is planned as PostgreSQL sees fit (a prepared statement's plan is
 * reused once it proves as good).
 *
 * <p>The engine's queries run over very uneven data (one group with thousands of waiting
 * tasks, another with three): a plan made once for any value took a DWC officer's queue from
 * 0.2 s to 19 s at national scale. Planning every statement for its values instead, as the
 * postgres profile did for the whole connection, planned again at each execution the
 * engine's authorization checks and writes too: most of PostgreSQL's CPU in a grant cycle.
 * So the choice is made per command: a query command's transaction plans for its values
 * ({@code SET LOCAL plan_cache_mode = force_custom_plan}, which ends with the transaction),
 * and PostgreSQL chooses for the rest: after five executions of a prepared statement it keeps
 * one plan when that plan is as good, as it does for the engine's authorization checks.
 */
@Component
class QueryPlans extends AbstractProcessEnginePlugin {

  private static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";
  private static final String OWN_CHOICE = "SET LOCAL plan_cache_mode = auto";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new CustomPlansForQueries());
  }

  /**
   * Runs inside the command context, before the command. Only the outermost command of a
   * thread chooses: a query nested in another command (a listener's look-up) keeps the plans
   * of the command around it. A transaction that ran a query and then changes something (the
   * API finds a step, then completes it) goes back to PostgreSQL's own choice for the change.
   */
  static final class CustomPlansForQueries extends CommandInterceptor {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public <T> T execute(Command<T> command) {
      int[] depth = DEPTH.get();
      try {
        if (depth[0]++ == 0) {
          choose(Context.getCommandContext(), plannedForItsValues(command));
        }
        return next.execute(command);
      } finally {
        depth[0]--;
      }
    }
  }

  /**
   * A filter's query and any engine query, except those that name the one instance, step or
   * person they are about: whatever the value, such a query reads a handful of rows by its
   * index, so the plan PostgreSQL keeps serves every value, and the transaction of a step
   * (find the step of this sub-project, then complete it) needs no second statement to go back.
   */
  static boolean plannedForItsValues(Command<?> command) {
    if (command instanceof TaskQueryImpl task) {
      return task.getTaskId() == null && task.getProcessInstanceId() == null
          && task.getProcessInstanceBusinessKey() == null && task.getExecutionId() == null;
    }
    if (command instanceof GroupQueryImpl groups) {
      return groups.getUserId() == null && groups.getId() == null;
    }
    if (command instanceof UserQueryImpl users) {
      return users.getId() == null;
    }
    return command instanceof AbstractQuery<?, ?> || command instanceof AbstractExecuteFilterCmd;
  }

  private static void choose(CommandContext context, boolean query) {
    if (context == null || !"postgres".equals(context.getProcessEngineConfiguration().getDatabaseType())
        || !TransactionSynchronizationManager.isActualTransactionActive()
        || query == TransactionSynchronizationManager.hasResource(CUSTOM_PLANS)) {
      return; // outside a transaction SET LOCAL does nothing; or the transaction plans so already
    }
    try (Statement statement = context.getDbSqlSession().getSqlSession().getConnection().createStatement()) {
      statement.execute(query ? CUSTOM_PLANS : OWN_CHOICE);
    } catch (SQLException e) {
      throw new ProcessEngineException("could not choose how the query is planned", e);
    }
    if (query) {
      TransactionSynchronizationManager.bindResource(CUSTOM_PLANS, Boolean.TRUE);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(CUSTOM_PLANS);
        }
      });
    } else {
      TransactionSynchronizationManager.unbindResource(CUSTOM_PLANS);
    }
  }
}
