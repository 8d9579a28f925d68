package org.camunda.bpm.engine.impl.cmd;

import java.util.Map;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Reads (and, for a step's fields, narrows) the arguments of the engine's commands, which
 * Camunda keeps in protected fields without getters. It sits in Camunda's own package so
 * that the compiler checks every field it names: an engine upgrade that renames one fails
 * the build instead of silently switching a guard off. Used by the project's command guard
 * ({@code org.pcm2.grants.access.EngineCommandGuard}) and by what follows a person's leaving
 * a group ({@code org.pcm2.grants.people.LeaderChanges}).
 */
public final class CommandArguments {

  private CommandArguments() {
  }

  /** The person and the group of a membership being removed: {@code {userId, groupId}}, or null. */
  public static String[] removedMembership(Object command) {
    return command instanceof DeleteMembershipCmd delete ? new String[] {delete.userId, delete.groupId} : null;
  }

  /** The person being deleted, or null. */
  public static String deletedUser(Object command) {
    return command instanceof DeleteUserCmd delete ? delete.userId : null;
  }

  /** The group being deleted, or null. */
  public static String deletedGroup(Object command) {
    return command instanceof DeleteGroupCmd delete ? delete.groupId : null;
  }

  /** The task a completion (complete, resolve or form submission) is for. */
  public static String taskId(Object command) {
    if (command instanceof CompleteTaskCmd complete) {
      return complete.taskId;
    }
    if (command instanceof SubmitTaskFormCmd submit) {
      return submit.taskId;
    }
    return null;
  }

  /** The variables a completion carries (never null). */
  public static Map<String, Object> completionVariables(Object command) {
    Map<String, Object> variables = null;
    if (command instanceof CompleteTaskCmd complete) {
      variables = complete.variables;
    } else if (command instanceof SubmitTaskFormCmd submit) {
      variables = submit.properties;
    }
    return variables == null ? Map.of() : variables;
  }

  /** Replaces the variables a completion carries (to leave out the read-only fields of its form). */
  public static void narrowCompletionVariables(Object command, Map<String, Object> variables) {
    if (command instanceof CompleteTaskCmd complete) {
      complete.variables = variables;
    } else if (command instanceof SubmitTaskFormCmd submit) {
      submit.properties = Variables.fromMap(variables);
    }
  }

  public static ProcessInstantiationBuilderImpl instantiation(StartProcessInstanceCmd command) {
    return command.instantiationBuilder;
  }

  public static ProcessInstantiationBuilderImpl instantiation(StartProcessInstanceAtActivitiesCmd command) {
    return command.instantiationBuilder;
  }

  public static String businessKey(SubmitStartFormCmd command) {
    return command.businessKey;
  }

  /** The query that a filter's list or count is extended with, or null. */
  public static Query<?, ?> extendingQuery(AbstractExecuteFilterCmd command) {
    return command.extendingQuery;
  }

  public static Filter filter(SaveFilterCmd command) {
    return command.filter;
  }
}
