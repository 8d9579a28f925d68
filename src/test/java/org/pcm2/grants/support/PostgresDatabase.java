package org.pcm2.grants.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The PostgreSQL server of the integration tests ({@code 127.0.0.1:5432} unless
 * {@code PCM_TEST_PG_HOST}/{@code PCM_TEST_PG_PORT}/{@code PCM_TEST_PG_USER}/{@code PCM_TEST_PG_PASSWORD}
 * say otherwise). Each test database is created fresh, once per test run.
 */
public final class PostgresDatabase {

  private static final String HOST = env("PCM_TEST_PG_HOST", "127.0.0.1");
  private static final String PORT = env("PCM_TEST_PG_PORT", "5432");
  public static final String USER = env("PCM_TEST_PG_USER", "postgres");
  /** With trust authentication any non-empty password works; the application requires one. */
  public static final String PASSWORD = env("PCM_TEST_PG_PASSWORD", "test");

  private static final Set<String> CREATED = new HashSet<>();

  private PostgresDatabase() {
  }

  public static String describe() {
    return HOST + ":" + PORT;
  }

  public static String url(String database) {
    return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
  }

  /** Whether the server answers; the error message when it does not. */
  public static String unreachableReason() {
    try (Connection ignored = admin()) {
      return null;
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  /**
   * Drops and creates the database the first time it is asked for in this test run; later
   * calls get the same database, as it is by then (the tests of a run share it).
   */
  public static synchronized String freshDatabase(String database) {
    if (CREATED.add(database)) {
      recreate(database);
    }
    return url(database);
  }

  /** Drops and creates the database at every call: an empty one, whatever came before. */
  public static synchronized String emptyDatabase(String database) {
    CREATED.add(database);
    recreate(database);
    return url(database);
  }

  private static void recreate(String database) {
    try (Connection connection = admin(); Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + database + " on " + describe(), e);
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(url("postgres"), USER, PASSWORD);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
