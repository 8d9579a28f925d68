package org.pcm2.grants.notification;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Builds the MIME message of an outbox row: HTML and text, UTF-8, a Message-ID that a resend keeps. */
final class MailMessages {

  private final JavaMailSender mailer;
  private final String from;

  MailMessages(JavaMailSender mailer, String from) {
    this.mailer = mailer;
    this.from = from;
  }

  MimeMessage message(long id, String to, String subject, String text, String html, String dedupeKey)
      throws Exception {
    MimeMessage message = mailer.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(from);
    // the same mail sent again (at-least-once: a crash between the server's acceptance and the
    // outbox's record) carries the same Message-ID, so mail clients show it once
    String sender = ((InternetAddress) message.getFrom()[0]).getAddress();
    message.setHeader("Message-ID", messageId(id, dedupeKey, sender.substring(sender.indexOf('@') + 1)));
    helper.setTo(to);
    helper.setSubject(subject);
    helper.setText(text, html);
    return message;
  }

  /** A Message-ID that is the same every time this outbox row is sent: {@code <pcm2-ID-HASH@domain>}. */
  static String messageId(long id, String dedupeKey, String domain) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
    return "<pcm2-" + id + "-" + HexFormat.of().formatHex(hash, 0, 6) + "@" + domain + ">";
  }

}
