package org.pcm2.grants.funding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Decision;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.audit.AuditEntry;
import org.pcm2.grants.audit.AuditTrail;
import org.pcm2.grants.system.Money;
import org.pcm2.grants.texts.Texts;
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
  static final String AWARD = "AWARD";
  static final String REWARD_FUND = "REWARD";

  /** The steps whose recorded decision a commitment follows: the appraisal, or the director's approval after it. */
  private static final List<String> APPROVALS = List.of(Element.APPRAISE_PROPOSAL, Element.APPROVE_AS_DIRECTOR);

  private final JdbcClient jdbc;
  private final FundingCycles cycles;
  private final AuditTrail auditTrail;

  LedgerFundingPort(JdbcClient jdbc, FundingCycles cycles, AuditTrail auditTrail) {
    this.jdbc = jdbc;
    this.cycles = cycles;
    this.auditTrail = auditTrail;
  }

  /**
   * Commits against the envelope with one guarded update: the row lock it takes serialises
   * concurrent approvals of the same envelope, and the condition (with the table's check)
   * makes the committed total never exceed the envelope.
   */
  @Override
  public void commit(GrantCommitment c) {
    lockSubproject(c.subprojectCode());
    if (sum(c.subprojectCode(), COMMIT) > 0) {
      return; // committed already: a retried step must not commit twice
    }
    requireRecorded(c.subprojectCode(), APPROVALS, Decision.APPROVE, c.amount(), Texts.text("funding.approval"));
    FundingCycle cycle = cycles.find(c.cycleCode()).orElseThrow(() -> new FundingRefusedException(
        Texts.both("funding.noFundingCycle", c.cycleCode())));
    if (!cycle.isOpen() || !cycle.fundCode().equals(c.fundCode())) {
      throw new FundingRefusedException(
          Texts.both("funding.cycleClosedOrOtherFund", c.cycleCode(), c.fundCode()));
    }
    Envelope envelope = cycles.envelopeFor(c.cycleCode(), c.unitCode(), c.communeCode())
        .orElseThrow(() -> new FundingRefusedException(
            Texts.both("funding.noEnvelope", c.cycleCode(), c.communeCode())));
    int updated = jdbc.sql("""
        UPDATE envelope SET committed = committed + ?
        WHERE cycle_code = ? AND holder_code = ? AND committed + ? <= amount
        """).params(c.amount(), envelope.cycleCode(), envelope.holderCode(), c.amount()).update();
    if (updated == 0) {
      long remaining = cycles.envelope(envelope.cycleCode(), envelope.holderCode()).map(Envelope::remaining).orElse(0L);
      throw new FundingRefusedException(Texts.both("funding.aboveEnvelope", Money.format(remaining)));
    }
    append(c.subprojectCode(), c.fundCode(), c.cycleCode(), c.communeCode(), envelope.holderCode(), COMMIT, null,
        c.amount(), c.actor(), Texts.both("funding.committedAtApproval"));
  }

  @Override
  public void disburse(String code, int trancheNumber, long amount, String actor) {
    lockSubproject(code);
    Long already = jdbc.sql("SELECT COUNT(*) FROM ledger_entry WHERE subproject_code = ? AND kind = ? AND tranche_number = ?")
        .params(code, DISBURSE, trancheNumber).query(Long.class).single();
    if (already > 0) {
      return; // this tranche is recorded already
    }
    requireRecorded(code, List.of(Element.RECORD_DISBURSEMENT_TASK), null, amount, Texts.text("funding.payment"));
    long outstanding = outstanding(code);
    if (amount > outstanding) {
      throw new FundingRefusedException(Texts.both("funding.aboveCommitted", Money.format(outstanding)));
    }
    CommitmentRow row = commitmentOf(code);
    append(code, row.fundCode(), row.cycleCode(), row.communeCode(), row.envelopeHolder(), DISBURSE, trancheNumber,
        amount, actor,
        Texts.both("funding.tranche", trancheNumber));
  }

  @Override
  public void close(String code, String actor) {
    releaseRest(code, actor, Texts.both("funding.closedUnspentReturned"));
  }

  @Override
  public void release(String code, String actor, String reason) {
    releaseRest(code, actor, Texts.both("funding.cancelled") + ": " + reason);
  }

  @Override
  public void payAward(String roundCode, String subprojectCode, long amount, String actor, String reference) {
    CommitmentRow row = commitmentOf(subprojectCode);
    jdbc.sql("""
        INSERT INTO ledger_entry (subproject_code, fund_code, cycle_code, commune_code, kind, award_round_code,
                                  amount, actor, reason, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """).params(subprojectCode, REWARD_FUND, row.cycleCode(), row.communeCode(), AWARD, roundCode, amount, actor,
        Texts.both("funding.awardOfRound", roundCode) + ": " + reference,
        Timestamp.from(Instant.now())).update();
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
      append(code, row.fundCode(), row.cycleCode(), row.communeCode(), row.envelopeHolder(), RELEASE, null,
          outstanding, actor, reason);
      jdbc.sql("UPDATE envelope SET committed = committed - ? WHERE cycle_code = ? AND holder_code = ?")
          .params(outstanding, row.cycleCode(), row.envelopeHolder()).update();
    }
  }

  /**
   * Money moves only as a recorded step decided it: the latest recorded completion of those
   * steps (the audit trail, written when the step's own people completed it) must carry this
   * outcome and this amount, whatever the process's variables say.
   */
  private void requireRecorded(String code, List<String> steps, String outcome, long amount, Texts.Text decision) {
    AuditEntry decided = auditTrail.latest(code, steps).orElseThrow(() -> new FundingRefusedException(
        Texts.both("funding.noRecordedDecision", decision, code)));
    if ((outcome != null && !outcome.equals(decided.outcome())) || decided.amount() == null
        || decided.amount() != amount) {
      throw new FundingRefusedException(
          Texts.both("funding.amountDiffersFromDecision", Money.format(amount), decided.actor()));
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
    return jdbc.sql("""
        SELECT fund_code, cycle_code, commune_code, envelope_holder FROM ledger_entry
        WHERE subproject_code = ? AND kind = 'COMMIT'
        """).param(code).query((rs, i) -> new CommitmentRow(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4)))
        .optional().orElseThrow(() -> new FundingRefusedException(
            Texts.both("funding.noCommitment", code)));
  }

  private void append(String code, String fund, String cycle, String commune, String envelopeHolder, String kind,
      Integer tranche, long amount, String actor, String reason) {
    jdbc.sql("""
        INSERT INTO ledger_entry (subproject_code, fund_code, cycle_code, commune_code, envelope_holder, kind,
                                  tranche_number, amount, actor, reason, recorded_at, sector_code)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT s.sector_code FROM subproject s WHERE s.code = ?))
        """).params(code, fund, cycle, commune, envelopeHolder, kind, tranche, amount, actor, reason,
        Timestamp.from(Instant.now()), code).update();
  }

  private record CommitmentRow(String fundCode, String cycleCode, String communeCode, String envelopeHolder) {
  }
}
