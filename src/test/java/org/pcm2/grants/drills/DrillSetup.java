package org.pcm2.grants.drills;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.PostgresDatabase;

/** How every drill starts the packaged application: PostgreSQL, demo people, mail on or off. */
final class DrillSetup {

  private DrillSetup() {
  }

  /** A started SMTP server on a free port that takes mail without signing in. */
  static GreenMail startSmtp() {
    return startSmtp(ApplicationProcess.freePort());
  }

  /** A started SMTP server on the given port (the same server back after an outage). */
  static GreenMail startSmtp(int port) {
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    return smtp;
  }

  /** The settings of an application on the database at {@code url}; mail to {@code smtp}, or none if null. */
  static Map<String, String> settings(String url, GreenMail smtp) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of(
        "spring.profiles.active", "postgres,demo",
        "spring.datasource.url", url,
        "spring.datasource.username", PostgresDatabase.USER,
        "spring.datasource.password", PostgresDatabase.PASSWORD,
        "pcm.demo.sample-cycles", "false",
        "pcm.mail.enabled", String.valueOf(smtp != null)));
    if (smtp != null) {
      settings.put("spring.mail.host", "127.0.0.1");
      settings.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
      settings.put("pcm.mail.poll-interval", "500ms");
    }
    return settings;
  }
}
