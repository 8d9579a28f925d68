package org.pcm2.grants.award;

import static org.pcm2.grants.grantcycle.GrantVariables.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Element;
import org.pcm2.grants.grantcycle.AwardRoundProcess.Var;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.system.Actors;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The officer's selection task. When it is created, the form's selection text lists every
 * candidate with the amount saved so far (the proposed amounts the first time); when it
 * is completed, the text is saved as the round's selection, refused whole when a line is
 * wrong or the total exceeds the budget (the task stays open).
 */
@Component("selectWinners")
public class SelectWinnersListener implements TaskListener {

  private final AwardRounds rounds;
  private final AuditTrail auditTrail;

  public SelectWinnersListener(AwardRounds rounds, AuditTrail auditTrail) {
    this.rounds = rounds;
    this.auditTrail = auditTrail;
  }

  @Override
  public void notify(DelegateTask task) {
    String roundCode = (String) task.getVariable(Var.ROUND_CODE);
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      List<Award> awards = rounds.awards(roundCode);
      boolean saved = task.hasVariable(Var.AWARD_SELECTION);
      task.setVariable(Var.AWARD_SELECTION, AwardSelectionText.format(awards, awards.stream().collect(
          Collectors.toMap(Award::subprojectCode, a -> saved ? a.amount() : a.proposedAmount()))));
      return;
    }
    Map<String, Object> v = task.getVariables();
    String comment = text(v, Var.SELECTION_COMMENT);
    if (comment != null && comment.length() > FieldChecks.MAX_TEXT) {
      throw new InvalidInputException(List.of(new FieldError(Var.SELECTION_COMMENT,
          Texts.both("check.longer", FieldChecks.MAX_TEXT))));
    }
    AwardRound round = rounds.select(roundCode, AwardSelectionText.parse(text(v, Var.AWARD_SELECTION),
        Var.AWARD_SELECTION), AwardSelection.Mode.REPLACE_ALL, Var.AWARD_SELECTION);
    int winners = rounds.winners(roundCode).size();
    task.setVariable(Var.SELECTED_TOTAL, round.selected());
    task.setVariable(Var.WINNER_COUNT, winners);
    task.setVariable(Var.AWARD_LIST_DECISION, null); // the director decides afresh on each list
    String actor = Actors.current(task.getProcessEngineServices(), task.getAssignee());
    auditTrail.append(new AuditEntry(roundCode, task.getProcessInstanceId(), Element.SELECT_WINNERS,
        Texts.vietnamese("step." + Element.SELECT_WINNERS), "SELECTED", comment, round.selected(), actor, Instant.now()));
    if (comment != null && !comment.isEmpty()) {
      task.getProcessEngineServices().getTaskService().createComment(task.getId(), task.getProcessInstanceId(),
          comment);
    }
  }
}
