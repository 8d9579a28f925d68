package org.pcm2.grants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * Which failures are the mail server's (no mail loses an attempt, sending waits for the
 * server) and which are the mail's own (retried a few times, then parked for an
 * administrator), as Spring's mail sender reports them; and the Message-ID that makes a
 * mail sent twice show once.
 */
class MailFailureKindTest {

  @Test
  void aServerThatCannotBeReachedOrSignedIntoIsTheServersFailure() {
    // what JavaMailSenderImpl throws when it cannot connect: the cause is kept
    assertThat(MailFailures.serverUnreachable(new MailSendException("Mail server connection failed",
        new MessagingException("Couldn't connect to host, port: 127.0.0.1, 1025", new ConnectException(
            "Connection refused"))))).isTrue();
    // a failure while sending one message is kept in the failed messages, not as the cause
    assertThat(MailFailures.serverUnreachable(new MailSendException(Map.of(new Object(),
        new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"))))))
        .isTrue();
    assertThat(MailFailures.serverUnreachable(new MailAuthenticationException(
        new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid")))).isTrue();
    assertThat(MailFailures.serverUnreachable(new MailSendException(Map.of(new Object(),
        new MessagingException("421 4.3.2 Service not available, closing transmission channel"))))).isTrue();
    // the server stopped in the middle of a batch sent over one connection: Jakarta Mail reads EOF
    assertThat(MailFailures.serverUnreachable(new MailSendException(Map.of(new Object(),
        new SMTPSendFailedException("MAIL FROM:<no-reply@pcm2.example.org>", -1, "[EOF]", null, null, null, null)))))
        .isTrue();
    // the server stopping as a connection is opened: it accepts it and closes without a greeting
    assertThat(MailFailures.serverUnreachable(new MailSendException("Mail server connection failed",
        new MessagingException("Got bad greeting from SMTP host: 127.0.0.1, port: 1025, response: [EOF]"))))
        .isTrue();
  }

  @Test
  void aMailTheServerRefusesIsTheMailsOwnFailure() {
    assertThat(MailFailures.serverUnreachable(new AddressException("Domain contains illegal character",
        "leader2@@example.org"))).isFalse();
    assertThat(MailFailures.serverUnreachable(new MailSendException(Map.of(new Object(),
        new MessagingException("550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown")))))
        .isFalse();
    assertThat(MailFailures.serverUnreachable(new IllegalStateException("no recipient"))).isFalse();
  }

  @Test
  void aMailSentAgainCarriesTheSameMessageIdAndNoOtherMailHasIt() throws Exception {
    String first = MailMessages.messageId(42, "TASK_CREATED:task-1:leader1", "pcm2.example.org");
    assertThat(first).matches("<pcm2-42-[0-9a-f]{12}@pcm2\\.example\\.org>");
    assertThat(MailMessages.messageId(42, "TASK_CREATED:task-1:leader1", "pcm2.example.org")).isEqualTo(first);
    assertThat(MailMessages.messageId(43, "TASK_CREATED:task-1:leader2", "pcm2.example.org")).isNotEqualTo(first);
  }
}
