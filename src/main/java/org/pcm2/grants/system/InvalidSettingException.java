package org.pcm2.grants.system;

/** A setting the application cannot start without is missing or wrong. */
public class InvalidSettingException extends RuntimeException {

  private final String setting;
  private final String action;

  public InvalidSettingException(String setting, String problem, String action) {
    super(setting + ": " + problem);
    this.setting = setting;
    this.action = action;
  }

  public String setting() {
    return setting;
  }

  public String action() {
    return action;
  }
}
