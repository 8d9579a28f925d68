package org.pcm2.grants.support;

import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/**
 * The in-memory engine of the process tests ({@code process-test.cfg.xml}), which also
 * measures flow-node and sequence-flow coverage of the models and fails a test class that
 * covers less than the given share. The file is not named {@code camunda.cfg.xml}: the
 * webapps would otherwise find it on the test classpath and start a second, empty engine
 * beside the application's.
 */
public final class ProcessTestEngine {

  private ProcessTestEngine() {
  }

  public static ProcessEngineCoverageExtension withCoverageAtLeast(double share) {
    return (ProcessEngineCoverageExtension) ProcessEngineCoverageExtension.Companion.builder("process-test.cfg.xml")
        .assertClassCoverageAtLeast(share).build();
  }
}
