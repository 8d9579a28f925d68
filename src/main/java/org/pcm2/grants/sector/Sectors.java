package org.pcm2.grants.sector;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sectors DWC keeps: read by proposals and reports, set by DWC's officers. */
@Service
public class Sectors {

  private static final String COLUMNS = "code, name_vi, name_en, unit_vi, unit_en, sort_order, active";

  private final JdbcClient jdbc;

  public Sectors(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every sector, retired ones too, in DWC's order. */
  public List<Sector> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sector ORDER BY sort_order, code").query(Sector.class).list();
  }

  public Optional<Sector> find(String code) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sector WHERE code = ?").param(code).query(Sector.class).optional();
  }

  /** Whether a sub-project names the sector (its unit is then fixed). */
  public boolean inUse(String code) {
    return jdbc.sql("SELECT COUNT(*) FROM subproject WHERE sector_code = ?").param(code).query(Long.class).single() > 0;
  }

  /** Adds the sector or changes its names, unit, order or whether it takes new proposals. */
  @Transactional
  public Sector save(Sector sector) {
    int updated = jdbc.sql("""
        UPDATE sector SET name_vi = ?, name_en = ?, unit_vi = ?, unit_en = ?, sort_order = ?, active = ?
        WHERE code = ?
        """).params(sector.nameVi(), sector.nameEn(), sector.unitVi(), sector.unitEn(), sector.sortOrder(),
        sector.active(), sector.code()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO sector (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)").params(sector.code(),
          sector.nameVi(), sector.nameEn(), sector.unitVi(), sector.unitEn(), sector.sortOrder(), sector.active())
          .update();
    }
    return find(sector.code()).orElseThrow();
  }
}
