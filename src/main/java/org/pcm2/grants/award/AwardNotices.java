package org.pcm2.grants.award;

import java.util.List;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.notification.NotificationKind;
import org.pcm2.grants.notification.NotificationPort;
import org.pcm2.grants.notification.NotificationRequest;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/** The round's notifications, through the notification outbox in the step's transaction. */
@Component
public class AwardNotices {

  private final NotificationPort port;

  public AwardNotices(NotificationPort port) {
    this.port = port;
  }

  /** DWC is told that the round found nothing to reward. */
  public void noCandidates(AwardRound round) {
    port.request(new NotificationRequest(NotificationKind.AWARD_ROUND_EMPTY, round.code(), round.processInstanceId(),
        title(round), null, round.budget(), List.of(), List.of(IdentityGroups.DWC_OFFICERS)));
  }

  /** The winner's facilitator and commune leaders are told of the award (granted or paid). */
  public void toWinner(NotificationKind kind, Award award, String processInstanceId) {
    port.request(new NotificationRequest(kind, award.subprojectCode(), processInstanceId, award.title(),
        award.communeName(), award.amount(), award.facilitatorId() == null ? List.of() : List.of(award.facilitatorId()),
        List.of(IdentityGroups.communeLeaders(award.communeCode()))));
  }

  /** DWC is told that the round closed, with its totals. */
  public void closed(AwardRound round, int winners) {
    port.request(new NotificationRequest(NotificationKind.AWARD_ROUND_CLOSED, round.code(), round.processInstanceId(),
        title(round) + ": " + Texts.both("award.winners", winners), null, round.paid(), List.of(),
        List.of(IdentityGroups.DWC_OFFICERS)));
  }

  static String title(AwardRound round) {
    return Texts.bracketed("award.roundTitle", round.cycleCode());
  }
}
