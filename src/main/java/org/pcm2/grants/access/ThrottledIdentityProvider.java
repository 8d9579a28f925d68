package org.pcm2.grants.access;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/**
 * Camunda's own user store, with {@link SignInThrottle} around its password check: every door
 * that checks a password (the API, the report pages, engine-rest, the webapps' login) asks the
 * engine, so each goes through here. A client that must still wait is refused without its
 * password being looked at (the request is marked, and its door answers 429); otherwise the
 * outcome counts for that client and user. An administrator's "Unlock user" clears the counts.
 */
class ThrottledIdentityProvider extends DbIdentityServiceProvider {

  private final SignInThrottle throttle;

  ThrottledIdentityProvider(SignInThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    HttpServletRequest request = SignInThrottle.currentRequest();
    if (request == null || userId == null) {
      return super.checkPassword(userId, password); // the application itself, not a client
    }
    String client = request.getRemoteAddr();
    Duration wait = throttle.waitFor(userId, client);
    if (!wait.isZero()) {
      request.setAttribute(SignInThrottle.RETRY_AFTER, Math.max(1, (wait.toMillis() + 999) / 1000));
      return false;
    }
    boolean right = super.checkPassword(userId, password);
    if (right) {
      throttle.succeeded(userId, client);
    } else {
      throttle.failed(userId, client);
    }
    return right;
  }

  @Override
  public IdentityOperationResult unlockUser(String userId) {
    throttle.forget(userId);
    return super.unlockUser(userId);
  }

  /** Puts the throttled store in place of Camunda's default one. */
  @Component
  static class Plugin extends AbstractProcessEnginePlugin {

    private final SignInThrottle throttle;

    Plugin(SignInThrottle throttle) {
      this.throttle = throttle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      configuration.setIdentityProviderSessionFactory(new SessionFactory() {
        @Override
        public Class<?> getSessionType() {
          return ThrottledIdentityProvider.class;
        }

        @Override
        public Session openSession() {
          return new ThrottledIdentityProvider(throttle);
        }
      });
    }
  }
}
