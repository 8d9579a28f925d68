package org.pcm2.grants.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application laid out as the container image runs it ({@code spring-boot:build-image}
 * with {@code BP_JVM_CDS_ENABLED}, pom.xml): the jar extracted ({@code -Djarmode=tools extract}),
 * a class data sharing archive from a training run that stops once the context is refreshed
 * ({@code -Dspring.context.exit=onRefresh}) on an in-memory embedded database, and every start
 * with {@code -XX:SharedArchiveFile}. Made once under {@code target/image-layout/} and again
 * whenever the jar is newer than the archive.
 */
public final class ImageLayout {

  /** What a start that could not map the archive prints (the JVM then loads every class itself). */
  public static final String ARCHIVE_REFUSED = "Unable to use shared archive";

  private static final Path DIRECTORY = Path.of("target", "image-layout");
  private static final Path ARCHIVE = DIRECTORY.resolve("application.jsa");

  private ImageLayout() {
  }

  /** The extracted jar, its class archive made if missing or older than the packaged jar. */
  public static synchronized Path jar() {
    Path packaged = ApplicationProcess.jar();
    Path extracted = DIRECTORY.resolve(packaged.getFileName());
    try {
      if (!Files.exists(ARCHIVE) || Files.getLastModifiedTime(ARCHIVE).compareTo(
          Files.getLastModifiedTime(packaged)) < 0) {
        delete(DIRECTORY);
        run(DIRECTORY.getParent(), List.of("-Djarmode=tools", "-jar", packaged.toAbsolutePath().toString(),
            "extract", "--destination", DIRECTORY.toAbsolutePath().toString()));
        run(DIRECTORY, List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE.getFileName(),
            "-Dspring.context.exit=onRefresh", "-DPCM_H2_URL=jdbc:h2:mem:training",
            "-jar", extracted.toAbsolutePath().toString()));
        if (!Files.exists(ARCHIVE)) {
          throw new IllegalStateException("the training run left no " + ARCHIVE);
        }
      }
      // the JVM maps the archive only for the very class path it was made with: the same absolute path
      return extracted.toAbsolutePath();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JVM option that starts the extracted jar with its archive. */
  public static String archiveOption() {
    return "-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath();
  }

  private static void run(Path directory, List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(arguments);
    Files.createDirectories(directory);
    Path log = DIRECTORY.getParent().resolve("image-layout.log");
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", arguments) + " failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
