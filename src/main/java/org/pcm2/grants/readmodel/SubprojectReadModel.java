package org.pcm2.grants.readmodel;

import org.pcm2.grants.grantcycle.Stage;
import static org.pcm2.grants.grantcycle.GrantVariables.date;
import static org.pcm2.grants.grantcycle.GrantVariables.text;
import static org.pcm2.grants.grantcycle.GrantVariables.whole;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brings the sub-project's row up to date from its variables whenever the grant cycle
 * reaches a stage or finishes a service step, in the same transaction as that step.
 */
@Component
public class SubprojectReadModel implements ExecutionListener {

  /** The district and province of the row's commune, from the directory. */
  private static final String PLACES = """
      district_code = (SELECT c.parent_code FROM place c WHERE c.code = subproject.commune_code),
      province_code = (SELECT d.parent_code FROM place c JOIN place d ON d.code = c.parent_code
                       WHERE c.code = subproject.commune_code)
      """;

  private final JdbcClient jdbc;

  public SubprojectReadModel(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    if (code == null) {
      return; // not registered yet
    }
    Map<String, Object> v = execution.getVariables();
    Stage stage = Stage.at(execution.getCurrentActivityId());
    String stageName = stage == null ? null : stage.name(); // null: the step changes no stage
    Long disbursed = whole(v, Var.DISBURSED_TOTAL);
    Timestamp now = Timestamp.from(Instant.now());
    Object[] values = {execution.getProcessInstanceId(), text(v, Var.TITLE), text(v, Var.FUND_CODE),
        text(v, Var.CYCLE_CODE), text(v, Var.GROUP_CODE), text(v, Var.UNIT_TYPE), text(v, Var.UNIT_CODE),
        text(v, Var.UNIT_NAME), text(v, Var.COMMUNE_CODE), text(v, Var.COMMUNE_NAME), text(v, Var.FACILITATOR_ID),
        stageName, whole(v, Var.REQUESTED_GRANT), whole(v, Var.APPROVED_GRANT), disbursed == null ? 0L : disbursed,
        whole(v, Var.CONTRIBUTION_TOTAL), whole(v, Var.CONTRIBUTION_CASH), whole(v, Var.CONTRIBUTION_LABOUR),
        whole(v, Var.CONTRIBUTION_MATERIALS), whole(v, Var.CONTRIBUTION_MOBILISED),
        integer(v, Var.BENEFICIARIES_WOMEN), integer(v, Var.BENEFICIARIES_MEN), integer(v, Var.BENEFICIARIES_POOR),
        integer(v, Var.BENEFICIARIES_ETHNIC_MINORITY), integer(v, Var.WOMEN_REACHED), integer(v, Var.MEN_REACHED),
        sqlDate(date(v, Var.PLANNED_START)), sqlDate(date(v, Var.PLANNED_END)),
        v.get(Var.EVALUATION_SCORE) instanceof Number n ? n.doubleValue() : null, integer(v, Var.STUDENTS_GIRLS),
        integer(v, Var.STUDENTS_BOYS), text(v, Var.SECTOR_CODE), whole(v, Var.OUTPUT_PLANNED),
        whole(v, Var.OUTPUT_ACHIEVED), text(v, Var.MAINTENANCE_GROUP), whole(v, Var.MAINTENANCE_FUND),
        integer(v, Var.STUDENTS_GIRLS_REACHED), integer(v, Var.STUDENTS_BOYS_REACHED), now, code};
    int updated = jdbc.sql("""
        UPDATE subproject SET process_instance_id = ?, title = ?, fund_code = ?, cycle_code = ?, group_code = ?,
            unit_type = ?, unit_code = ?, unit_name = ?, commune_code = ?, commune_name = ?, facilitator_id = ?,
            stage = COALESCE(?, stage), requested_grant = ?, approved_grant = ?, disbursed = ?, contribution_planned = ?,
            contribution_cash = ?, contribution_labour = ?, contribution_materials = ?, contribution_mobilised = ?,
            beneficiaries_women = ?, beneficiaries_men = ?, beneficiaries_poor = ?, beneficiaries_ethnic = ?,
            women_reached = ?, men_reached = ?, planned_start = ?, planned_end = ?, evaluation_score = ?,
            students_girls = ?, students_boys = ?, sector_code = ?, output_planned = ?, output_achieved = ?,
            maintenance_group = ?, maintenance_fund = ?, students_girls_reached = ?, students_boys_reached = ?,
            updated_at = ?, """ + PLACES + """
        WHERE code = ? AND process_instance_id = ?
        """).params(append(values, execution.getProcessInstanceId())).update();
    if (updated == 0) {
      // a new row; a code that another instance holds already fails here on the primary key,
      // and the step with it: one sub-project a code, whatever an instance was started with
      jdbc.sql("""
          INSERT INTO subproject (process_instance_id, title, fund_code, cycle_code, group_code, unit_type, unit_code,
              unit_name, commune_code, commune_name, facilitator_id, stage, requested_grant, approved_grant, disbursed,
              contribution_planned, contribution_cash, contribution_labour, contribution_materials,
              contribution_mobilised, beneficiaries_women, beneficiaries_men, beneficiaries_poor, beneficiaries_ethnic,
              women_reached, men_reached, planned_start, planned_end, evaluation_score, students_girls, students_boys,
              sector_code, output_planned, output_achieved, maintenance_group, maintenance_fund,
              students_girls_reached, students_boys_reached, updated_at, code, submitted_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, 'SUBMITTED'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                  ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """).params(append(values, now)).update();
      jdbc.sql("UPDATE subproject SET " + PLACES + " WHERE code = ?").param(code).update();
    }
  }

  /** The sub-project of this instance has a new facilitator (its group was handed over). */
  public void facilitatorChanged(String processInstanceId, String facilitatorId) {
    jdbc.sql("UPDATE subproject SET facilitator_id = ?, updated_at = ? WHERE process_instance_id = ?")
        .params(facilitatorId, Timestamp.from(Instant.now()), processInstanceId).update();
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
    all[values.length] = last;
    return all;
  }

  private static Integer integer(Map<String, Object> v, String name) {
    Long value = whole(v, name);
    return value == null ? null : value.intValue();
  }

  private static Date sqlDate(LocalDate date) {
    return date == null ? null : Date.valueOf(date);
  }
}
