package org.pcm2.grants.support;

import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * The in-memory engine of the process tests ({@code process-test.cfg.xml}). The file is not
 * named {@code camunda.cfg.xml}: the webapps would otherwise find it on the test classpath
 * and start a second, empty engine beside the application's.
 */
public final class ProcessTestEngine {

  private ProcessTestEngine() {
  }

  public static ProcessEngineExtension extension() {
    return ProcessEngineExtension.builder().configurationResource("process-test.cfg.xml").build();
  }
}
