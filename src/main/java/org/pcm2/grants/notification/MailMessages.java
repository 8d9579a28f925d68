package org.pcm2.grants.notification;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.ClassUtils;

/** Builds the MIME message of an outbox row: HTML and text, UTF-8, a Message-ID that a resend keeps. */
final class MailMessages {

  /** Jakarta Mail's stream provider, which it looks up by this system property before anything else. */
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
  static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    // Unnamed, Jakarta Mail finds its stream provider with a ServiceLoader scan of the class
    // path for every message, body part and header block it makes: four fifths of the mail
    // sender's CPU in a profile of the throughput benchmark. Named, it is loaded directly.
    if (System.getProperty(STREAM_PROVIDER) == null
        && ClassUtils.isPresent(ANGUS_STREAM_PROVIDER, MailMessages.class.getClassLoader())) {
      System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
    }
  }

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
