package org.pcm2.grants.support;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a real HTTP port, in the
 * {@code postgres} and {@code demo} profiles, on its own fresh PostgreSQL database, with
 * metrics exported as in production.
 */
@ExtendWith(RequiresPostgres.class)
@AutoConfigureObservability
// No SMTP server in most tests: mail goes to the log (the mail tests start GreenMail).
// The demo's sample cycles stay off: tests count the sub-projects, codes and mails they make.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"pcm.mail.enabled=false", "pcm.demo.sample-cycles=false"})
@ActiveProfiles({"postgres", "demo"})
public abstract class PostgresIntegrationTest {

  /** {@code pcm_it}, or {@code -Dpcm.it.database=...} for a second checkout's run beside the first. */
  public static final String DATABASE = System.getProperty("pcm.it.database", "pcm_it");

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresDatabase.freshDatabase(DATABASE));
    registry.add("spring.datasource.username", () -> PostgresDatabase.USER);
    registry.add("spring.datasource.password", () -> PostgresDatabase.PASSWORD);
  }
}
