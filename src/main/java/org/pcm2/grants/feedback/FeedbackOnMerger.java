package org.pcm2.grants.feedback;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.pcm2.grants.access.GroupHandover;
import org.pcm2.grants.directory.CommunesMerged;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.feedback.FeedbackProcess.Var;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open feedback about a commune that has been merged goes to the new commune's leaders, in
 * the merger's transaction: its handling step (claimed by someone who does not lead the new
 * commune, it is given back), and its reminders. The feedback keeps the commune it was about;
 * the old commune's leaders keep no right on it. Feedback about the leaders themselves, or
 * already with DWC, stays with DWC.
 */
@Component
class FeedbackOnMerger {

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final GroupHandover handover;

  FeedbackOnMerger(JdbcClient jdbc, RuntimeService runtime, GroupHandover handover) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.handover = handover;
  }

  @EventListener
  void merged(CommunesMerged merger) {
    String leaders = IdentityGroups.communeLeaders(merger.code());
    for (String old : merger.communes()) {
      List<String> open = jdbc.sql("""
          SELECT process_instance_id FROM community_feedback
          WHERE commune_code = ? AND handler = ? AND status <> 'RESOLVED' AND process_instance_id IS NOT NULL
          ORDER BY id""").params(old, FeedbackSteps.COMMUNE).query(String.class).list();
      for (String instance : open) {
        if (runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0) {
          continue; // answered in the meantime
        }
        runtime.setVariable(instance, Var.HANDLER_GROUP, leaders);
        handover.handOver(instance, IdentityGroups.communeLeaders(old), leaders);
      }
    }
  }
}
