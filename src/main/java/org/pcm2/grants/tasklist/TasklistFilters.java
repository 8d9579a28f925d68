package org.pcm2.grants.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.pcm2.grants.access.Grants;
import org.pcm2.grants.grantcycle.AwardRoundProcess;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.texts.Texts;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shared Tasklist filters every user finds without setting anything up, each shown to
 * the roles it serves (a read authorization per filter and group), each listing the
 * sub-project's code, title, hamlet or school, commune and amount as columns. Created at
 * start-up when missing and brought up to date when they exist (found by name).
 */
@Component
public class TasklistFilters implements ApplicationRunner {

  static final String MINE = Texts.bracketed("tasklist.filter.mine");
  static final String MY_GROUPS = Texts.bracketed("tasklist.filter.myGroups");
  static final String MY_COMMUNE = Texts.bracketed("tasklist.filter.myCommune");
  static final String APPROVALS = Texts.bracketed("tasklist.filter.approvals");
  static final String PAYMENTS = Texts.bracketed("tasklist.filter.payments");
  static final String OVERDUE = Texts.bracketed("tasklist.filter.overdue");

  private static final List<String> EVERY_ROLE = List.of(IdentityGroups.FACILITATORS, IdentityGroups.COMMUNE_LEADERS,
      IdentityGroups.DWC_OFFICERS, IdentityGroups.DWC_FINANCE, IdentityGroups.DWC_DIRECTORS);

  /** The columns of every filter: variables of the grant cycle (the award round names its own). */
  private static final List<Map<String, String>> COLUMNS = List.of(
      column("subprojectCode"), column("title"), column("unitName"), column("communeName"), column("requestedGrant"),
      column("approvedGrant"));

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;

  public TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    ensure(MINE, -10, Texts.both("tasklist.filter.mineAbout"), EVERY_ROLE,
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    ensure(MY_GROUPS, -9, Texts.both("tasklist.filter.myGroupsAbout"), EVERY_ROLE,
        mine());
    ensure(MY_COMMUNE, -8, Texts.both("tasklist.filter.myCommuneAbout"), List.of(IdentityGroups.COMMUNE_LEADERS),
        mine().processDefinitionKey(SubprojectGrantProcess.KEY));
    ensure(APPROVALS, -8, Texts.both("tasklist.filter.approvalsAbout"), List.of(IdentityGroups.DWC_OFFICERS, IdentityGroups.DWC_DIRECTORS),
        mine().taskDefinitionKeyIn(Element.APPRAISE_PROPOSAL, Element.APPROVE_AS_DIRECTOR,
            AwardRoundProcess.Element.SELECT_WINNERS, AwardRoundProcess.Element.APPROVE_AWARD_LIST));
    ensure(PAYMENTS, -8, Texts.both("tasklist.filter.paymentsAbout"),
        List.of(IdentityGroups.DWC_FINANCE),
        mine().taskDefinitionKeyIn(Element.RECORD_DISBURSEMENT_TASK, AwardRoundProcess.Element.PAY_AWARD));
    ensure(OVERDUE, -7, Texts.both("tasklist.filter.overdueAbout"),
        EVERY_ROLE, tasks.createTaskQuery().dueBeforeExpression("${now()}")
            .or().taskAssigneeExpression("${currentUser()}").taskCandidateUserExpression("${currentUser()}")
            .endOr());
  }

  /** Tasks I may work: my groups' and mine. */
  private TaskQuery mine() {
    return tasks.createTaskQuery().taskCandidateUserExpression("${currentUser()}").includeAssignedTasks();
  }

  private void ensure(String name, int priority, String description, List<String> groups, TaskQuery query) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", priority);
    properties.put("description", description);
    properties.put("refresh", true);
    properties.put("variables", COLUMNS);
    Filter filter = filters.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name);
    }
    filters.saveFilter(filter.setQuery(query).setProperties(properties));
    for (String group : groups) {
      Grants.toGroup(authorizations, group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  /** A variable shown as a column, labelled "Vietnamese (English)" from {@code tasklist.column.<name>}. */
  private static Map<String, String> column(String name) {
    return Map.of("name", name, "label", Texts.bracketed("tasklist.column." + name));
  }
}
