package org.pcm2.grants.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcm2.grants.system.InvalidSettingException;
import org.springframework.mock.env.MockEnvironment;

/** The prod profile's settings: no demo beside it, a first administrator with a strong password. */
class ProductionSettingsGuardTest {

  private static MockEnvironment prod(String user, String password) {
    MockEnvironment environment = new MockEnvironment().withProperty("pcm.admin.user", user)
        .withProperty("pcm.admin.password", password);
    environment.setActiveProfiles("postgres", "prod");
    return environment;
  }

  @Test
  void strongAdministratorPasswordPasses() {
    assertThatCode(() -> ProductionSettingsGuard.check(prod("quantri", "Hoa-Sen-2026!"))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "demo", "short1!A", "alllowercase-2026", "ALLUPPER-2026", "NoDigits-here!",
      "NoSigns2026abc", "Quantri"})
  void missingOrWeakAdministratorPasswordStopsTheStart(String password) {
    assertThatThrownBy(() -> ProductionSettingsGuard.check(prod("quantri", password)))
        .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("PCM_ADMIN_PASSWORD");
  }

  @Test
  void passwordEqualToTheUserIsRefused() {
    assertThatThrownBy(() -> ProductionSettingsGuard.check(prod("Quantri2026x", "quantri2026X")))
        .hasMessageStartingWith("PCM_ADMIN_PASSWORD");
  }

  @Test
  void missingAdministratorIdStopsTheStart() {
    assertThatThrownBy(() -> ProductionSettingsGuard.check(prod("", "Hoa-Sen-2026!")))
        .hasMessageStartingWith("PCM_ADMIN_USER");
    assertThatThrownBy(() -> ProductionSettingsGuard.check(prod("quản.trị", "Hoa-Sen-2026!")))
        .hasMessageStartingWith("PCM_ADMIN_USER");
  }

  @Test
  void prodNeverRunsWithTheDemo() {
    MockEnvironment environment = prod("quantri", "Hoa-Sen-2026!");
    environment.setActiveProfiles("postgres", "prod", "demo");
    assertThatThrownBy(() -> ProductionSettingsGuard.check(environment))
        .hasMessageStartingWith("SPRING_PROFILES_ACTIVE");
  }

  @Test
  void otherProfilesAreNotConcerned() {
    MockEnvironment demo = new MockEnvironment();
    demo.setActiveProfiles("demo");
    assertThatCode(() -> ProductionSettingsGuard.check(demo)).doesNotThrowAnyException();
  }
}
