package org.pcm2.grants.people;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.notification.MailComposer;
import org.pcm2.grants.notification.MailOutbox;
import org.pcm2.grants.notification.Recipient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts the mail carrying a one-time link into the outbox, in the caller's transaction: the
 * sender sends it afterwards, with retries, as every other mail. The link points to the
 * application's public address ({@code pcm.public-url}, as the Tasklist links of the other
 * mails do). The mail names the user id to sign in with and when the link expires, in
 * Vietnam time; it holds no password.
 */
@Component
class AccountMails {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(VIETNAM);

  private final MailComposer composer;
  private final MailOutbox outbox;
  private final String publicUrl;

  AccountMails(MailComposer composer, MailOutbox outbox, @Value("${pcm.public-url}") String publicUrl) {
    this.composer = composer;
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  /** The mail of the link, to the person's address; the dedupe key names the link, never its token. */
  void send(User user, PasswordLinks.Issued link) {
    String kind = MailOutbox.ACCOUNT_KIND_PREFIX + link.purpose().name();
    Recipient to = new Recipient(user.getId(), name(user), user.getEmail(), "vi");
    MailComposer.Mail mail = composer.composeAccount(kind, to, user.getId(),
        publicUrl + "/account/password?token=" + link.token(), WHEN.format(link.expiresAt()) + " (GMT+7)",
        publicUrl + "/camunda/app/tasklist/");
    outbox.add("account:" + link.id(), kind, null, to, mail);
  }

  /** As Vietnamese names are said: family and middle name, then the given name. */
  static String name(User user) {
    String name = ((user.getLastName() == null ? "" : user.getLastName()) + " "
        + (user.getFirstName() == null ? "" : user.getFirstName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
