package org.pcm2.grants.access;

import java.util.Arrays;
import java.util.List;
import org.pcm2.grants.system.InvalidSettingException;
import org.pcm2.grants.texts.Texts;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Checks the {@code prod} profile before anything starts: no demo data beside it, and the
 * first administrator's account from the environment, with a password Camunda's password
 * policy accepts (at least 10 characters with a lower-case and an upper-case letter, a
 * digit and a sign) that is not the user name.
 */
public class ProductionSettingsGuard implements ApplicationListener<ApplicationPreparedEvent> {

  static final String PROD_PROFILE = "prod";

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    check(event.getApplicationContext().getEnvironment());
  }

  static void check(Environment environment) {
    List<String> profiles = Arrays.asList(environment.getActiveProfiles());
    if (!profiles.contains(PROD_PROFILE)) {
      return;
    }
    if (profiles.contains("demo")) {
      throw new InvalidSettingException("SPRING_PROFILES_ACTIVE",
          Texts.both("system.setting.prodWithDemo"), Texts.both("system.setting.prodWithDemoAction"));
    }
    String user = environment.getProperty("pcm.admin.user", "");
    if (!user.matches("[a-zA-Z0-9]+")) {
      throw new InvalidSettingException("PCM_ADMIN_USER",
          Texts.both("system.setting.adminUser"), Texts.both("system.setting.adminUserAction"));
    }
    String password = environment.getProperty("pcm.admin.password", "");
    if (!strong(password) || password.equalsIgnoreCase(user)) {
      throw new InvalidSettingException("PCM_ADMIN_PASSWORD",
          Texts.both("system.setting.adminPassword"), Texts.both("system.setting.adminPasswordAction"));
    }
  }

  static boolean strong(String password) {
    return password.length() >= 10 && password.chars().anyMatch(Character::isLowerCase)
        && password.chars().anyMatch(Character::isUpperCase) && password.chars().anyMatch(Character::isDigit)
        && password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
  }
}
