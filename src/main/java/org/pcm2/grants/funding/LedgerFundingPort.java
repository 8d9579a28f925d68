package org.pcm2.grants.funding;

import java.sql.Timestamp;
import java.time.Instant;
import org.pcm2.grants.system.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The funding port over an append-only ledger of the project's own tables: a commitment
 * at approval, a disbursement per tranche, a release of the rest at closure or
 * cancellation. Entries are never changed; balances are sums.
 */
@Component
class LedgerFundingPort implements FundingPort {

  static final String COMMIT = "COMMIT";
  static final String DISBURSE = "DISBURSE";
  static final String RELEASE = "RELEASE";

  private final JdbcClient jdbc;

  LedgerFundingPort(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void commit(GrantCommitment c) {
    lockSubproject(c.subprojectCode());
    if (sum(c.subprojectCode(), COMMIT) > 0) {
      return; // committed already: a retried step must not commit twice
    }
    append(c.subprojectCode(), c.fundCode(), c.cycleCode(), c.communeCode(), COMMIT, null, c.amount(), c.actor(),
        "Cam kết khi phê duyệt / committed at approval");
  }

  @Override
  public void disburse(String code, int trancheNumber, long amount, String actor) {
    lockSubproject(code);
    Long already = jdbc.sql("SELECT COUNT(*) FROM ledger_entry WHERE subproject_code = ? AND kind = ? AND tranche_number = ?")
        .params(code, DISBURSE, trancheNumber).query(Long.class).single();
    if (already > 0) {
      return; // this tranche is recorded already
    }
    long outstanding = outstanding(code);
    if (amount > outstanding) {
      throw new FundingRefusedException("Vượt số vốn đã cam kết: còn " + Money.format(outstanding) + " / "
          + "Exceeds the committed grant: " + Money.format(outstanding) + " left");
    }
    CommitmentRow row = commitmentOf(code);
    append(code, row.fundCode(), row.cycleCode(), row.communeCode(), DISBURSE, trancheNumber, amount, actor,
        "Giải ngân đợt " + trancheNumber + " / tranche " + trancheNumber);
  }

  @Override
  public void close(String code, String actor) {
    releaseRest(code, actor, "Đóng tiểu dự án, hoàn phần chưa giải ngân / closed, unspent returned");
  }

  @Override
  public void release(String code, String actor, String reason) {
    releaseRest(code, actor, "Hủy / cancelled: " + reason);
  }

  @Override
  public long outstanding(String code) {
    return sum(code, COMMIT) - sum(code, DISBURSE) - sum(code, RELEASE);
  }

  private void releaseRest(String code, String actor, String reason) {
    lockSubproject(code);
    long outstanding = outstanding(code);
    if (outstanding > 0) {
      CommitmentRow row = commitmentOf(code);
      append(code, row.fundCode(), row.cycleCode(), row.communeCode(), RELEASE, null, outstanding, actor, reason);
    }
  }

  /** Serialises money steps of one sub-project (row lock on its commitment, when there is one). */
  private void lockSubproject(String code) {
    jdbc.sql("SELECT id FROM ledger_entry WHERE subproject_code = ? AND kind = 'COMMIT' FOR UPDATE")
        .param(code).query(Long.class).list();
  }

  private long sum(String code, String kind) {
    return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE subproject_code = ? AND kind = ?")
        .params(code, kind).query(Long.class).single();
  }

  private CommitmentRow commitmentOf(String code) {
    return jdbc.sql("SELECT fund_code, cycle_code, commune_code FROM ledger_entry WHERE subproject_code = ? AND kind = 'COMMIT'")
        .param(code).query((rs, i) -> new CommitmentRow(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional().orElseThrow(() -> new FundingRefusedException(
            "Tiểu dự án " + code + " chưa được cam kết vốn / sub-project " + code + " has no commitment"));
  }

  private void append(String code, String fund, String cycle, String commune, String kind, Integer tranche, long amount,
      String actor, String reason) {
    jdbc.sql("""
        INSERT INTO ledger_entry (subproject_code, fund_code, cycle_code, commune_code, kind, tranche_number, amount,
                                  actor, reason, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(code, fund, cycle, commune, kind, tranche, amount, actor, reason, Timestamp.from(Instant.now()))
        .update();
  }

  private record CommitmentRow(String fundCode, String cycleCode, String communeCode) {
  }
}
