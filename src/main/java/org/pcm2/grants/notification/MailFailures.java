package org.pcm2.grants.notification;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * The two kinds of a failed send: the mail server's (it is away: no mail is at fault, none
 * loses an attempt) or the mail's own (the server refused this one: retried, then parked).
 */
final class MailFailures {

  private MailFailures() {
  }

  /**
   * Whether the failure is the mail server's, not the mail's: it could not be reached or
   * talked to (a network error), it would not let the application sign in, or it said it
   * is closing (421), closed the connection under a command (what Jakarta Mail reports as
   * {@code [EOF]} when a server stops during a batch) or did not greet the application
   * (a server stopping as the connection is opened).
   */
  static boolean serverUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException || cause instanceof MailAuthenticationException
          || cause instanceof AuthenticationFailedException) {
        return true;
      }
      String message = cause.getMessage();
      if (message != null && (message.startsWith("421") || message.contains("[EOF]")
          || message.startsWith("Got bad greeting"))) {
        return true; // closing (421), the connection closed under a command ([EOF]), no greeting
      }
      // a failure while sending one message is kept beside the exception, not as its cause
      if (cause instanceof MailSendException send
          && send.getFailedMessages().values().stream().anyMatch(MailFailures::serverUnreachable)) {
        return true;
      }
    }
    return false;
  }

  /** What went wrong, for the outbox's last error and the log. */
  static String describe(Exception e) {
    return e instanceof AddressException refused && refused.getRef() != null
        ? refused.getMessage() + ": " + refused.getRef() : String.valueOf(e.getMessage());
  }
}
