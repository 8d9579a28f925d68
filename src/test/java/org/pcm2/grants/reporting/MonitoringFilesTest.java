package org.pcm2.grants.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules and the Grafana dashboard ask only for metrics the application exports,
 * under the names Prometheus shows them: a metric renamed in the code fails here rather than
 * leaving an alert that can never fire.
 */
class MonitoringFilesTest {

  private static Set<String> exported() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new BusinessMetrics(null, registry, Clock.systemUTC(), Duration.ofSeconds(10));
    PrometheusNamingConvention prometheus = new PrometheusNamingConvention();
    Set<String> names = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      names.add(prometheus.name(meter.getId().getName(), meter.getId().getType(), meter.getId().getBaseUnit()));
    }
    return names;
  }

  private static Set<String> asked(String text) {
    Set<String> names = new TreeSet<>();
    Matcher name = Pattern.compile("\\bpcm_[a-z_]+").matcher(text);
    while (name.find()) {
      names.add(name.group());
    }
    return names;
  }

  @Test
  void alertsAndDashboardAskForExportedMetricsOnly() throws Exception {
    Set<String> exported = exported();
    assertThat(exported).contains("pcm_subprojects", "pcm_tasks_overdue", "pcm_mail_outbox_messages",
        "pcm_mail_outbox_oldest_waiting_seconds", "pcm_engine_incidents", "pcm_engine_failed_jobs", "pcm_database_up");
    String alerts = Files.readString(Path.of("src/main/docker/prometheus/alerts.yml"), StandardCharsets.UTF_8);
    new Yaml().load(alerts);
    String dashboard = Files.readString(Path.of("src/main/docker/grafana/dashboards/pcm-grants.json"),
        StandardCharsets.UTF_8);
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboard);
    assertThat(asked(alerts)).isNotEmpty().isSubsetOf(exported);
    assertThat(asked(dashboard)).isNotEmpty().isSubsetOf(exported);
    // what the issue asks to be alerted on has a rule
    assertThat(alerts).contains("alert: OutboxStuck", "alert: EngineIncidents", "alert: DatabaseDown",
        "alert: CertificateExpiresSoon");
  }
}
