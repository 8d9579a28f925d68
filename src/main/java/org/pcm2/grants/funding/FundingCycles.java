package org.pcm2.grants.funding;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Funding cycles and their envelopes: opened, read and closed by DWC. */
@Service
public class FundingCycles {

  private static final RowMapper<FundingCycle> CYCLE = (rs, i) -> new FundingCycle(rs.getString("code"),
      rs.getString("fund_code"), rs.getString("name"), rs.getDate("opens_on").toLocalDate(),
      rs.getDate("closes_on").toLocalDate(), rs.getString("status"), rs.getBigDecimal("chf_rate"));
  private static final RowMapper<Envelope> ENVELOPE = (rs, i) -> new Envelope(rs.getString("cycle_code"),
      rs.getString("holder_code"), rs.getLong("amount"), rs.getLong("committed"));

  private final JdbcClient jdbc;

  public FundingCycles(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<FundingCycle> find(String code) {
    return jdbc.sql("SELECT * FROM funding_cycle WHERE code = ?").param(code).query(CYCLE).optional();
  }

  public List<FundingCycle> all() {
    return jdbc.sql("SELECT * FROM funding_cycle ORDER BY opens_on DESC, code").query(CYCLE).list();
  }

  /** The envelope of a school if the cycle has one for it, otherwise that of its commune. */
  public Optional<Envelope> envelopeFor(String cycleCode, String unitCode, String communeCode) {
    Optional<Envelope> own = envelope(cycleCode, unitCode);
    return own.isPresent() ? own : envelope(cycleCode, communeCode);
  }

  public Optional<Envelope> envelope(String cycleCode, String holderCode) {
    return jdbc.sql("SELECT * FROM envelope WHERE cycle_code = ? AND holder_code = ?")
        .params(cycleCode, holderCode).query(ENVELOPE).optional();
  }

  public List<Envelope> envelopes(String cycleCode) {
    return jdbc.sql("SELECT * FROM envelope WHERE cycle_code = ? ORDER BY holder_code").param(cycleCode)
        .query(ENVELOPE).list();
  }

  /** Opens a cycle, or leaves an existing one with the same code as it is. */
  @Transactional
  public void open(FundingCycle cycle, String actor) {
    if (find(cycle.code()).isPresent()) {
      return;
    }
    jdbc.sql("""
        INSERT INTO funding_cycle (code, fund_code, name, opens_on, closes_on, status, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)
        """).params(cycle.code(), cycle.fundCode(), cycle.name(), Date.valueOf(cycle.opensOn()),
        Date.valueOf(cycle.closesOn()), actor, Timestamp.from(Instant.now())).update();
  }

  /** Sets the budget of a commune or school; never below what is already committed. */
  @Transactional
  public void setEnvelope(String cycleCode, String holderCode, long amount) {
    int updated = jdbc.sql("UPDATE envelope SET amount = ? WHERE cycle_code = ? AND holder_code = ? AND committed <= ?")
        .params(amount, cycleCode, holderCode, amount).update();
    if (updated == 0) {
      Optional<Envelope> existing = envelope(cycleCode, holderCode);
      if (existing.isPresent()) {
        throw new FundingRefusedException(
            Texts.both("funding.envelopeBelowCommitted", existing.get().committed()));
      }
      jdbc.sql("INSERT INTO envelope (cycle_code, holder_code, amount, committed) VALUES (?, ?, ?, 0)")
          .params(cycleCode, holderCode, amount).update();
    }
  }

  /** Records the rate at which the cycle's đồng turn into the funder's francs, and who set it. */
  @Transactional
  public void setChfRate(String cycleCode, java.math.BigDecimal rate, String actor) {
    jdbc.sql("UPDATE funding_cycle SET chf_rate = ?, chf_rate_set_by = ?, chf_rate_set_at = ? WHERE code = ?")
        .params(rate, actor, Timestamp.from(Instant.now()), cycleCode).update();
  }

  @Transactional
  public void close(String cycleCode) {
    jdbc.sql("UPDATE funding_cycle SET status = 'CLOSED' WHERE code = ?").param(cycleCode).update();
  }
}
