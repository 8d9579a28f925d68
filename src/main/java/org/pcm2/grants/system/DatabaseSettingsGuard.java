package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
import java.util.Arrays;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks the database settings of the {@code postgres} profile before anything connects:
 * the URL must point at PostgreSQL (never a silent fallback to the embedded database) and
 * the password must come from the environment. Runs once the context is prepared, when
 * every property source (including those of tests) is in place.
 */
public class DatabaseSettingsGuard implements ApplicationListener<ApplicationPreparedEvent> {

  static final String POSTGRES_PROFILE = "postgres";

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    check(event.getApplicationContext().getEnvironment());
  }

  static void check(Environment environment) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains(POSTGRES_PROFILE)) {
      return;
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new InvalidSettingException("PCM_DB_URL",
          Texts.both("system.setting.databaseUrl", url), Texts.both("system.setting.databaseUrlAction"));
    }
    String password = environment.getProperty("spring.datasource.password", "");
    if (password.isBlank()) {
      throw new InvalidSettingException("PCM_DB_PASSWORD",
          Texts.both("system.setting.databasePassword"), Texts.both("system.setting.databasePasswordAction"));
    }
  }
}
