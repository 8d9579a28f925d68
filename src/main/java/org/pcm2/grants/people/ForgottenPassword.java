package org.pcm2.grants.people;

import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Someone says they forgot their password, naming a user id or an address. The answer is
 * the same whether or not such an account exists (nobody learns who has one); if an active
 * person with an address has that id or address, they get a mail with a reset link — at most
 * one in {@code pcm.accounts.reset-mail-interval}, whoever asks and from wherever, so nobody
 * can flood a person's mailbox. Two requests at once for one person take turns on the
 * person's row, so the limit holds across requests and application instances.
 */
@Service
class ForgottenPassword {

  private static final Logger LOG = LoggerFactory.getLogger(ForgottenPassword.class);
  /** Longer than any user id or address: not looked up. */
  private static final int MAX_INPUT = 254;

  private final PeopleQueries people;
  private final PasswordLinks links;
  private final AccountMails mails;
  private final IdentityService identity;
  private final Duration interval;

  ForgottenPassword(PeopleQueries people, PasswordLinks links, AccountMails mails, IdentityService identity,
      @Value("${pcm.accounts.reset-mail-interval}") Duration interval) {
    this.people = people;
    this.links = links;
    this.mails = mails;
    this.identity = identity;
    this.interval = interval;
  }

  /** Queues the reset mail of each active person {@code who} names (none, usually one). */
  @Transactional
  public void request(String who) {
    if (who == null || who.isBlank() || who.trim().length() > MAX_INPUT) {
      return;
    }
    for (String userId : people.activeWithAddress(who.trim())) {
      people.lock(userId);
      if (links.issuedWithin(userId, PasswordLinks.Purpose.RESET, interval)) {
        LOG.info("Password reset for {} asked again within {}: no second mail", userId, interval);
        continue;
      }
      User user = identity.createUserQuery().userId(userId).singleResult();
      mails.send(user, links.issue(userId, PasswordLinks.Purpose.RESET));
      LOG.info("Password reset mail for {} queued", userId);
    }
  }

  Duration interval() {
    return interval;
  }
}
