package org.pcm2.grants.reporting;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.grantcycle.Stage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an operator watches, for Prometheus ({@code /actuator/prometheus} on the management
 * port): sub-projects per stage, open steps past their due date, the mail outbox by status and
 * the age of its oldest waiting mail, the engine's incidents and failing jobs, and whether the
 * database answers. Read from the database in one go, at most every {@code pcm.metrics.fresh-for}
 * (10 s), so that every node reports the same figures and a scrape queries once; the alert
 * rules and the dashboard in {@code src/main/docker/} use these names.
 */
@Component
class BusinessMetrics {

  static final List<String> OUTBOX_STATUSES = List.of("PENDING", "SENT", "FAILED", "LOGGED");

  /** The figures of one reading; {@code databaseUp} false when the database did not answer. */
  record Reading(Instant at, boolean databaseUp, Map<Stage, Long> stages, long tasksOverdue,
      Map<String, Long> outbox, double oldestWaitingSeconds, long incidents, long failedJobs) {
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BusinessMetrics.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration freshFor;
  private volatile Reading last;

  @org.springframework.beans.factory.annotation.Autowired
  BusinessMetrics(JdbcClient jdbc, MeterRegistry registry,
      @org.springframework.beans.factory.annotation.Value("${pcm.metrics.fresh-for:PT10S}") Duration freshFor) {
    this(jdbc, registry, Clock.systemUTC(), freshFor);
  }

  BusinessMetrics(JdbcClient jdbc, MeterRegistry registry, Clock clock, Duration freshFor) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.freshFor = freshFor;
    for (Stage stage : Stage.values()) {
      Gauge.builder("pcm.subprojects", this, m -> m.reading().stages().getOrDefault(stage, 0L))
          .description("Sub-projects at this stage").tag("stage", stage.name()).register(registry);
    }
    Gauge.builder("pcm.tasks.overdue", this, m -> m.reading().tasksOverdue())
        .description("Open steps past their due date").register(registry);
    for (String status : OUTBOX_STATUSES) {
      Gauge.builder("pcm.mail.outbox.messages", this, m -> m.reading().outbox().getOrDefault(status, 0L))
          .description("Mails in the outbox with this status").tag("status", status).register(registry);
    }
    Gauge.builder("pcm.mail.outbox.oldest.waiting", this, m -> m.reading().oldestWaitingSeconds())
        .description("Age of the oldest mail waiting to be sent (0: none)").baseUnit("seconds").register(registry);
    Gauge.builder("pcm.engine.incidents", this, m -> m.reading().incidents())
        .description("Open incidents of the process engine").register(registry);
    Gauge.builder("pcm.engine.failed.jobs", this, m -> m.reading().failedJobs())
        .description("Engine jobs that failed at least once and are not done").register(registry);
    Gauge.builder("pcm.database.up", this, m -> m.reading().databaseUp() ? 1 : 0)
        .description("1 when the database answered the last reading").register(registry);
  }

  /** The last reading, read again when older than {@code freshFor}. */
  Reading reading() {
    Reading current = last;
    Instant now = clock.instant();
    if (current == null || current.at().plus(freshFor).isBefore(now)) {
      synchronized (this) {
        current = last;
        if (current == null || current.at().plus(freshFor).isBefore(now)) {
          current = read(now);
          last = current;
        }
      }
    }
    return current;
  }

  private Reading read(Instant now) {
    try {
      Map<Stage, Long> stages = new EnumMap<>(Stage.class);
      jdbc.sql("SELECT stage, COUNT(*) FROM subproject GROUP BY stage")
          .query((rs, i) -> stages.put(Stage.valueOf(rs.getString(1)), rs.getLong(2))).list();
      Map<String, Long> outbox = new HashMap<>();
      jdbc.sql("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status")
          .query((rs, i) -> outbox.put(rs.getString(1), rs.getLong(2))).list();
      Timestamp oldest = jdbc.sql("SELECT MIN(created_at) FROM mail_outbox WHERE status = 'PENDING'")
          .query((rs, i) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().orElse(null);
      long overdue = jdbc.sql("SELECT COUNT(*) FROM act_ru_task WHERE due_date_ < ?")
          .param(Timestamp.from(now)).query(Long.class).single();
      long incidents = jdbc.sql("SELECT COUNT(*) FROM act_ru_incident").query(Long.class).single();
      long failedJobs = jdbc.sql("SELECT COUNT(*) FROM act_ru_job WHERE exception_stack_id_ IS NOT NULL")
          .query(Long.class).single();
      double waiting = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
      return new Reading(now, true, stages, overdue, outbox, waiting, incidents, failedJobs);
    } catch (org.springframework.dao.DataAccessException e) {
      LOG.warn("Metrics: the database did not answer: {}", e.getMessage());
      Reading previous = last;
      // the database did not answer: say so, and keep the other figures as they were last seen
      return previous == null ? new Reading(now, false, Map.of(), 0, Map.of(), 0, 0, 0)
          : new Reading(now, false, previous.stages(), previous.tasksOverdue(), previous.outbox(),
              previous.oldestWaitingSeconds(), previous.incidents(), previous.failedJobs());
    }
  }
}
