package org.pcm2.grants.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/** A decision of {@code processes/} evaluated by the plain DMN engine, without a process engine. */
public final class DecisionTables {

  /** As the application's engine: decision tables evaluated by the legacy FEEL engine. */
  private static final DmnEngine ENGINE = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration
      .createDefaultDmnEngineConfiguration()).enableFeelLegacyBehavior(true).buildEngine();

  private final DmnDecision decision;

  private DecisionTables(DmnDecision decision) {
    this.decision = decision;
  }

  /** The decision of this key in a file of {@code processes/}. */
  public static DecisionTables load(String file, String decisionKey) {
    String resource = "processes/" + file;
    try (InputStream in = DecisionTables.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No " + resource + " on the classpath");
      }
      return new DecisionTables(ENGINE.parseDecision(decisionKey, in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public DmnDecisionResult evaluate(Map<String, Object> variables) {
    return ENGINE.evaluateDecision(decision, variables);
  }
}
