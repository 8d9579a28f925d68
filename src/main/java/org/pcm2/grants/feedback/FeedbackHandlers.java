package org.pcm2.grants.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.IdentityGroups;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who handles a piece of feedback, one rule for the process and for what only handlers read
 * (the sender's contact, the photo): the leaders of the commune it is about (of the commune
 * that commune was merged into, when it was), or DWC's officers when it is about the leaders
 * or misused money; once it is overdue, one level up as well: DWC's officers, or its director.
 */
@Component
public class FeedbackHandlers {

  private final JdbcClient jdbc;
  private final DirectoryService directory;
  private final IdentityService identity;

  FeedbackHandlers(JdbcClient jdbc, DirectoryService directory, IdentityService identity) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.identity = identity;
  }

  /** The group that handles it first: {@code handler} is COMMUNE or DWC, as the routing decided. */
  String handlerGroup(String handler, String communeCode) {
    return FeedbackSteps.DWC.equals(handler) ? IdentityGroups.DWC_OFFICERS
        : IdentityGroups.communeLeaders(directory.currentCommune(communeCode));
  }

  /** The group it goes up to when overdue. */
  static String escalationGroup(String handler) {
    return FeedbackSteps.DWC.equals(handler) ? IdentityGroups.DWC_DIRECTORS : IdentityGroups.DWC_OFFICERS;
  }

  /** Whether the person handles, or handled, this piece of feedback; false for one that does not exist. */
  public boolean handles(String reference, String userId) {
    if (userId == null) {
      return false;
    }
    Optional<String[]> row = jdbc.sql("""
        SELECT handler, commune_code, CASE WHEN escalated_at IS NULL THEN 'N' ELSE 'Y' END
        FROM community_feedback WHERE reference = ? AND handler IS NOT NULL""").param(reference)
        .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).optional();
    if (row.isEmpty()) {
      return false;
    }
    List<String> groups = new ArrayList<>(List.of(handlerGroup(row.get()[0], row.get()[1])));
    if ("Y".equals(row.get()[2])) {
      groups.add(escalationGroup(row.get()[0]));
    }
    return groups.stream().anyMatch(group -> identity.createUserQuery().userId(userId).memberOfGroup(group)
        .count() > 0);
  }
}
