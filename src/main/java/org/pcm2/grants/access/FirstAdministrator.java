package org.pcm2.grants.access;

import org.pcm2.grants.texts.Texts;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.directory.RoleGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A production install starts with its role groups and one administrator, whose account
 * comes from the environment ({@link ProductionSettingsGuard} has checked it). An account
 * that exists is left as it is: the environment's password is for the first start only.
 */
@Component
@Profile(ProductionSettingsGuard.PROD_PROFILE)
@Order(0)
class FirstAdministrator implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);

  private final IdentityService identity;
  private final RoleGroups roleGroups;
  private final String userId;
  private final String password;

  FirstAdministrator(IdentityService identity, RoleGroups roleGroups, @Value("${pcm.admin.user}") String userId,
      @Value("${pcm.admin.password}") String password) {
    this.identity = identity;
    this.roleGroups = roleGroups;
    this.userId = userId;
    this.password = password;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    roleGroups.ensure();
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName(Texts.vietnamese("administrator.firstName"));
      user.setLastName(Texts.vietnamese("administrator.lastName"));
      user.setPassword(password);
      identity.saveUser(user);
      LOG.info("First administrator {} created", userId);
    }
    if (identity.createUserQuery().userId(userId).memberOfGroup(IdentityGroups.ADMINISTRATORS).count() == 0) {
      identity.createMembership(userId, IdentityGroups.ADMINISTRATORS);
    }
  }
}
