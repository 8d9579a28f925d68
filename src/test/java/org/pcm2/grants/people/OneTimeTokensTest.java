package org.pcm2.grants.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.people.PasswordLinks.Dates;
import org.pcm2.grants.people.PasswordLinks.State;

/** The secret of a one-time link, what is stored of it, when a link works, and the password nobody knows. */
class OneTimeTokensTest {

  @Test
  void aTokenIs32RandomBytesWrittenUrlSafeAndNeverTheSameTwice() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = OneTimeTokens.generate();
      assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
      assertThat(OneTimeTokens.wellFormed(token)).isTrue();
      assertThat(seen.add(token)).as("a token drawn twice").isTrue();
    }
  }

  @Test
  void theStoredHashIsSha256InHexAndGivesTheTokenAway() {
    String token = OneTimeTokens.generate();
    String hash = OneTimeTokens.hash(token);
    assertThat(hash).hasSize(64).matches("[0-9a-f]+").isEqualTo(OneTimeTokens.hash(token)).doesNotContain(token);
    assertThat(OneTimeTokens.hash(OneTimeTokens.generate())).isNotEqualTo(hash);
    // a known value: SHA-256 of "abc"
    assertThat(OneTimeTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void onlyWhatCanBeATokenIsLookedUp() {
    for (String notAToken : new String[] {null, "", "abc", "x".repeat(42), "x".repeat(44), "x".repeat(42) + "=",
        "x".repeat(42) + "/", "x".repeat(42) + "+", "' OR 1=1 --" + "x".repeat(32)}) {
      assertThat(OneTimeTokens.wellFormed(notAToken)).as(notAToken).isFalse();
    }
  }

  @Test
  void aLinkWorksUntilItExpiresAndNotOnceUsedOrReplaced() {
    Instant now = Instant.parse("2026-03-01T08:00:00Z");
    Instant expires = now.plus(Duration.ofHours(1));
    assertThat(new Dates(expires, null, null).stateAt(now)).isEqualTo(State.VALID);
    assertThat(new Dates(expires, null, null).stateAt(expires.minusMillis(1))).isEqualTo(State.VALID);
    assertThat(new Dates(expires, null, null).stateAt(expires)).isEqualTo(State.EXPIRED);
    assertThat(new Dates(expires, now, null).stateAt(now)).isEqualTo(State.USED);
    assertThat(new Dates(expires, null, now).stateAt(now)).isEqualTo(State.REPLACED);
    // what happened first to the person is what the page says: used, then replaced, then expired
    assertThat(new Dates(expires, now, now).stateAt(expires.plusSeconds(1))).isEqualTo(State.USED);
    assertThat(new Dates(expires, null, now).stateAt(expires.plusSeconds(1))).isEqualTo(State.REPLACED);
  }

  @Test
  void thePasswordNobodyKnowsPassesCamundasDefaultPolicyEvenForAOneLetterId() {
    UserEntity user = new UserEntity("a");
    user.setFirstName("B");
    user.setLastName("c");
    user.setEmail("a@b.vn");
    List<PasswordPolicyRule> rules = new DefaultPasswordPolicyImpl().getRules();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String password = UnusablePassword.generate(p -> rules.stream().allMatch(rule -> rule.execute(p, user)));
      assertThat(rules).allMatch(rule -> rule.execute(password, user), "every rule of the default policy");
      assertThat(password.toLowerCase()).doesNotContain("a", "b", "c");
      assertThat(seen.add(password)).isTrue();
    }
    assertThat(UnusablePassword.generate(p -> true)).hasSizeGreaterThanOrEqualTo(47);
  }
}
