package org.pcm2.grants.funding;

import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of the ledger, by cycle or by sub-project, oldest first. */
@Service
public class Ledger {

  private static final RowMapper<LedgerEntry> ENTRY = (rs, i) -> new LedgerEntry(rs.getLong("id"),
      rs.getString("subproject_code"), rs.getString("fund_code"), rs.getString("cycle_code"),
      rs.getString("commune_code"), rs.getString("kind"), rs.getObject("tranche_number", Integer.class),
      rs.getLong("amount"), rs.getString("actor"), rs.getString("reason"), rs.getTimestamp("recorded_at").toInstant());

  private final JdbcClient jdbc;

  public Ledger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<LedgerEntry> ofCycle(String cycleCode) {
    return jdbc.sql("SELECT * FROM ledger_entry WHERE cycle_code = ? ORDER BY id").param(cycleCode).query(ENTRY).list();
  }

  public List<LedgerEntry> ofSubproject(String code) {
    return jdbc.sql("SELECT * FROM ledger_entry WHERE subproject_code = ? ORDER BY id").param(code).query(ENTRY).list();
  }
}
