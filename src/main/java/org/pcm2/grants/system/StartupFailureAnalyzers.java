package org.pcm2.grants.system;

import org.pcm2.grants.texts.Texts;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns the usual reasons for a failed start-up into one line that says what is wrong and
 * how to fix it, in Vietnamese and English, instead of a page of stack trace.
 */
final class StartupFailureAnalyzers {

  private StartupFailureAnalyzers() {
  }

  /** A required setting is missing or wrong (see {@link DatabaseSettingsGuard}). */
  static class InvalidSetting extends AbstractFailureAnalyzer<InvalidSettingException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
      return new FailureAnalysis(Texts.both("system.setting.invalid") + " " + cause.getMessage(), cause.action(), cause);
    }
  }

  /** The database cannot be reached, does not exist or refuses the credentials. */
  static class DatabaseUnreachable extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseUnreachable(Environment environment) {
      this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
      String state = cause.getSQLState() == null ? "" : cause.getSQLState();
      // 08: connection exception, 28: invalid authorization, 3D: invalid catalog (no such database)
      if (!(state.startsWith("08") || state.startsWith("28") || state.startsWith("3D"))) {
        return null;
      }
      String url = environment.getProperty("spring.datasource.url", "?");
      return new FailureAnalysis(
          Texts.both("system.setting.noDatabase") + " " + url + ": " + cause.getMessage(),
          Texts.both("system.setting.noDatabaseAction"),
          cause);
    }
  }

  /** A BPMN or DMN model in processes/ cannot be parsed, so it cannot be deployed. */
  static class UnreadableModel extends AbstractFailureAnalyzer<ParseException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ParseException cause) {
      String problems = cause.getResorceReports().stream()
          .filter(report -> !report.getErrors().isEmpty())
          .map(report -> report.getResourceName() + " " + report.getErrors().stream()
              .map(StartupFailureAnalyzers::describe)
              .collect(Collectors.joining("; ")))
          .collect(Collectors.joining(" | "));
      return new FailureAnalysis(
          Texts.both("system.setting.unreadableModel") + ": " + problems,
          Texts.both("system.setting.unreadableModelAction"),
          cause);
    }
  }

  private static String describe(Problem problem) {
    return "(" + Texts.slashed("system.setting.line") + " " + problem.getLine() + ") " + problem.getMessage();
  }
}
