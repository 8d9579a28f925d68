package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is read: it parses, has the
 * services and profiles the README describes, publishes no port of the application (so that
 * {@code --scale app=2} works behind the proxy), mounts only files that exist, asks for the
 * variables the README says an operator must set, and passes the application only variables
 * its configuration reads.
 */
class DockerComposeTest {

  private static final Path COMPOSE = Path.of("docker-compose.yml");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE, StandardCharsets.UTF_8));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void theServicesAndProfilesAreTheOnesTheReadmeDescribes() throws IOException {
    Map<String, Map<String, Object>> services = services();
    assertThat(services).containsOnlyKeys("proxy", "postgres", "app", "backup", "mailpit", "prometheus", "blackbox",
        "grafana");
    assertThat(services.get("mailpit").get("profiles")).isEqualTo(List.of("demo"));
    for (String monitoring : List.of("prometheus", "blackbox", "grafana")) {
      assertThat(services.get(monitoring).get("profiles")).as(monitoring).isEqualTo(List.of("monitoring"));
    }
    for (String always : List.of("proxy", "postgres", "app", "backup")) {
      assertThat(services.get(always)).as(always).doesNotContainKey("profiles");
    }
    Map<String, Object> app = services.get("app");
    assertThat(app).as("the nodes are reached through the proxy only: a published port would stop --scale")
        .doesNotContainKey("ports");
    assertThat(env(app)).containsEntry("PCM_HTTPS", "true").containsEntry("PCM_MAIL_ENABLED", "true");
    assertThat(services.get("proxy").get("ports")).isEqualTo(List.of("80:80", "443:443", "443:443/udp"));
  }

  @Test
  void everyFileMountedIsInTheRepository() throws IOException {
    for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
      @SuppressWarnings("unchecked")
      List<String> volumes = (List<String>) service.getValue().getOrDefault("volumes", List.of());
      for (String volume : volumes) {
        String source = volume.split(":")[0];
        if (source.startsWith("./src/")) {
          assertThat(Path.of(source)).as(service.getKey() + " mounts " + source).exists();
        }
      }
    }
    assertThat(Files.isExecutable(Path.of("src/main/docker/backup/backup.sh"))).isTrue();
  }

  @Test
  void theVariablesAnOperatorMustSetAreAskedForAndTheReadmeNamesThem() throws IOException {
    String compose = Files.readString(COMPOSE, StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String docker = readme.substring(readme.indexOf("### Docker"), readme.indexOf("###", readme.indexOf("### Docker") + 5));
    for (String required : List.of("PCM_DOMAIN", "PCM_DB_PASSWORD", "PCM_ADMIN_PASSWORD")) {
      assertThat(compose).as(required + " stops the start when missing").contains("${" + required + ":?");
      assertThat(docker).as("the README's Docker section names " + required).contains(required);
    }
    Set<String> named = variables(docker);
    assertThat(named).isNotEmpty();
    assertThat(variables(compose)).as("every variable the README's Docker section names is in the compose file")
        .containsAll(named);
  }

  @Test
  void theApplicationIsGivenOnlyVariablesItsConfigurationReads() throws IOException {
    StringBuilder configuration = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("application")).toList()) {
        configuration.append(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    Set<String> read = variables(configuration.toString());
    for (String variable : env(services().get("app")).keySet()) {
      if (variable.startsWith("PCM_")) {
        assertThat(read).as(variable + " is read by application*.yaml").contains(variable);
      }
    }
  }

  @Test
  void theProxyAndPrometheusFindEveryNodeByItsServiceName() throws IOException {
    String caddy = Files.readString(Path.of("src/main/docker/caddy/Caddyfile"), StandardCharsets.UTF_8);
    assertThat(caddy).contains("{$PCM_DOMAIN").contains("dynamic a").contains("name app").contains("port 8080")
        .contains("import tls-{$PCM_TLS:auto}");
    Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("src/main/docker/prometheus/prometheus.yml"),
        StandardCharsets.UTF_8));
    String text = prometheus.toString();
    assertThat(text).contains("names=[app]").contains("port=" + env(services().get("app")).get("PCM_MANAGEMENT_PORT"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env(Map<String, Object> service) {
    return (Map<String, String>) service.get("environment");
  }

  private static Set<String> variables(String text) {
    Set<String> found = new TreeSet<>();
    Matcher name = Pattern.compile("\\bPCM_[A-Z0-9_]+").matcher(text);
    while (name.find()) {
      found.add(name.group());
    }
    return found;
  }
}
