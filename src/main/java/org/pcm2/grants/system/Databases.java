package org.pcm2.grants.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Which database the application runs on, for the few statements that differ between them. */
public final class Databases {

  private Databases() {
  }

  /** Whether the data source is PostgreSQL (otherwise the embedded H2 of the default run). */
  public static boolean isPostgres(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
  }
}
