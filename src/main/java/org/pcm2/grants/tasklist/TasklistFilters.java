package org.pcm2.grants.tasklist;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shared Tasklist filters every user finds without setting anything up: the work
 * assigned to me, and the work waiting for a group I belong to (my commune, my DWC role).
 * Created at start-up when missing, found again by name.
 */
@Component
public class TasklistFilters implements ApplicationRunner {

  static final String MINE = "Việc của tôi (My tasks)";
  static final String MY_GROUPS = "Việc chờ nhóm của tôi (My groups' tasks)";

  private final FilterService filters;
  private final TaskService tasks;

  public TasklistFilters(FilterService filters, TaskService tasks) {
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    ensure(MINE, -10, "Các việc đã giao cho tôi / Tasks assigned to me",
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    ensure(MY_GROUPS, -9, "Việc chờ xã hoặc bộ phận của tôi nhận / Tasks waiting for my commune or team",
        tasks.createTaskQuery().taskCandidateUserExpression("${currentUser()}").includeAssignedTasks());
  }

  private void ensure(String name, int priority, String description, TaskQuery query) {
    if (filters.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", priority);
    properties.put("description", description);
    properties.put("refresh", true);
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
    filters.saveFilter(filter);
  }
}
