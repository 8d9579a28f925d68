package org.pcm2.grants.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged application ({@code target/pcm-grants-*.jar}) run as a process of its own,
 * as a user runs it, for what a test inside the JVM cannot do: time its start-up, read its
 * memory, kill it with {@code kill -9}, run two of it on one database.
 */
public final class ApplicationProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<String> command;
  private final Path log;
  private final int port;
  private Process process;
  private long startedAt;

  /** Prepares the application on a free port with the given settings ({@code --key=value}). */
  public ApplicationProcess(String name, List<String> jvmOptions, Map<String, String> settings) {
    this(name, jar(), jvmOptions, settings);
  }

  /**
   * The application as its container image starts it: the extracted jar with its class data
   * sharing archive ({@link ImageLayout}).
   */
  public static ApplicationProcess asImage(String name, List<String> jvmOptions, Map<String, String> settings) {
    Path jar = ImageLayout.jar();
    List<String> options = new ArrayList<>(jvmOptions);
    options.add(ImageLayout.archiveOption());
    return new ApplicationProcess(name, jar, options, settings);
  }

  private ApplicationProcess(String name, Path jar, List<String> jvmOptions, Map<String, String> settings) {
    this.port = freePort();
    this.log = Path.of("target", "drills", name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("--server.port=" + port);
    cmd.add("--management.server.port=" + freePort());
    settings.forEach((key, value) -> cmd.add("--" + key + "=" + value));
    this.command = List.copyOf(cmd);
  }

  public static Path jar() {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("pcm-grants-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no target/pcm-grants-*.jar: run ./mvnw package first"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Starts the process (its output in target/drills/NAME.log, anew) and returns at once. */
  public ApplicationProcess start() {
    try {
      Files.createDirectories(log.getParent());
      startedAt = System.nanoTime();
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the readiness probe on the main port says UP; the seconds from start. */
  public double awaitReady(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application stopped while starting; see " + log);
      }
      try {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return (System.nanoTime() - startedAt) / 1e9;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException("not ready within " + limit + "; see " + log);
  }

  public long pid() {
    return process.pid();
  }

  /** Resident memory now and at its peak (VmRSS, VmHWM of /proc), in MiB. */
  public long[] memoryMiB() {
    try {
      long rss = 0;
      long peak = 0;
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        } else if (line.startsWith("VmHWM:")) {
          peak = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
      return new long[] {rss, peak};
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** kill -9: no shutdown hook, no graceful anything. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the JVM said it could not use the class archive it was given. */
  public boolean refusedClassArchive() {
    try {
      return Files.readString(log).contains(ImageLayout.ARCHIVE_REFUSED);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public File logFile() {
    return log.toFile();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
