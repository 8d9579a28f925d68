package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DatabaseSettingsGuardTest {

  private static MockEnvironment postgres(String url, String password) {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("spring.datasource.url", url)
        .withProperty("spring.datasource.password", password);
    environment.setActiveProfiles("postgres");
    return environment;
  }

  @Test
  void postgresProfileWithoutPasswordNamesTheMissingVariable() {
    assertThatThrownBy(() -> DatabaseSettingsGuard.check(postgres("jdbc:postgresql://localhost:5432/pcm", "")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("PCM_DB_PASSWORD")
        .satisfies(e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo("PCM_DB_PASSWORD"));
  }

  @Test
  void postgresProfileNeverFallsBackToAnotherDatabase() {
    assertThatThrownBy(() -> DatabaseSettingsGuard.check(postgres("jdbc:h2:file:./data/pcm", "secret")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("PCM_DB_URL")
        .hasMessageContaining("jdbc:h2:file:./data/pcm");
  }

  @Test
  void completePostgresSettingsPass() {
    assertThatCode(() -> DatabaseSettingsGuard.check(postgres("jdbc:postgresql://db:5432/pcm", "secret")))
        .doesNotThrowAnyException();
  }

  @Test
  void embeddedDefaultNeedsNoPassword() {
    MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/pcm");
    assertThatCode(() -> DatabaseSettingsGuard.check(environment)).doesNotThrowAnyException();
  }
}
