package org.pcm2.grants.people;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Component;

/**
 * Camunda's password policy, when it is on ({@code enablePasswordPolicy}; the prod profile
 * turns it on): its rules as texts a person reads, in Vietnamese and English
 * ({@code account.policy.<rule>}), and the rules a password breaks.
 */
@Component
class PasswordPolicies {

  private final IdentityService identity;

  PasswordPolicies(IdentityService identity) {
    this.identity = identity;
  }

  /** What a password must be, one text per rule; empty when no policy is on. */
  List<Texts.Text> rules() {
    PasswordPolicy policy = identity.getPasswordPolicy();
    return policy == null ? List.of() : policy.getRules().stream().map(PasswordPolicies::describe).toList();
  }

  /** The rules the password breaks for this person; empty when it passes or no policy is on. */
  List<Texts.Text> broken(String password, User user) {
    if (identity.getPasswordPolicy() == null) {
      return List.of();
    }
    return identity.checkPasswordAgainstPolicy(password, user).getViolatedRules().stream()
        .map(PasswordPolicies::describe).toList();
  }

  /** Whether the policy takes the password for this person (always, without a policy). */
  Predicate<String> accepts(User user) {
    return identity.getPasswordPolicy() == null ? password -> true
        : password -> identity.checkPasswordAgainstPolicy(password, user).isValid();
  }

  /** One rule as a text: {@code account.policy.PASSWORD_POLICY_LENGTH} with its number, and so on. */
  static Texts.Text describe(PasswordPolicyRule rule) {
    String placeholder = rule.getPlaceholder();
    Map<String, String> parameters = rule.getParameters();
    if (!KNOWN.contains(placeholder)) {
      return Texts.text("account.policy.other", placeholder);
    }
    if (parameters == null || parameters.isEmpty()) {
      return Texts.text("account.policy." + placeholder);
    }
    return Texts.text("account.policy." + placeholder, Integer.valueOf(parameters.values().iterator().next()));
  }

  /** The rules of Camunda's default policy, each with its text. */
  static final List<String> KNOWN = List.of("PASSWORD_POLICY_LENGTH", "PASSWORD_POLICY_LOWERCASE",
      "PASSWORD_POLICY_UPPERCASE", "PASSWORD_POLICY_DIGIT", "PASSWORD_POLICY_SPECIAL", "PASSWORD_POLICY_USER_DATA");
}
