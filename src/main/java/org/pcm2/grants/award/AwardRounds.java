package org.pcm2.grants.award;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcm2.grants.funding.FundingCycle;
import org.pcm2.grants.funding.FundingCycles;
import org.pcm2.grants.funding.FundingPort;
import org.pcm2.grants.funding.FundingRefusedException;
import org.pcm2.grants.grantcycle.Stage;
import org.pcm2.grants.system.ConflictException;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.FieldChecks;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Award rounds of the reward fund: the candidates a round takes from the read model, the
 * selection DWC makes within the budget, the director's approval, the payments. Every
 * change of a round's totals holds the round's row lock, so two officers saving at once
 * are serialised and the budget is never exceeded (the table's checks say so too).
 */
@Service
public class AwardRounds {

  private static final RowMapper<AwardRound> ROUND = (rs, i) -> new AwardRound(rs.getString("code"),
      rs.getString("cycle_code"), rs.getString("process_instance_id"), rs.getLong("budget"), rs.getLong("selected"),
      rs.getLong("paid"), rs.getString("status"), rs.getString("note"), rs.getString("opened_by"),
      rs.getTimestamp("opened_at").toInstant(), instant(rs.getTimestamp("closed_at")));

  private static final RowMapper<Award> AWARD = (rs, i) -> new Award(rs.getString("round_code"),
      rs.getString("subproject_code"), rs.getInt("rank_no"), rs.getString("title"), rs.getString("unit_name"),
      rs.getString("commune_code"), rs.getString("commune_name"), rs.getString("facilitator_id"),
      rs.getDouble("evaluation_score"), rs.getDouble("women_share"), rs.getString("proposed_tier"),
      rs.getLong("proposed_amount"), rs.getLong("amount"), rs.getString("payment_reference"),
      date(rs.getDate("paid_on")), rs.getString("paid_by"));

  private static final String AWARDS = """
      SELECT a.*, s.title, s.unit_name, s.commune_code, s.commune_name, s.facilitator_id
      FROM award a JOIN subproject s ON s.code = a.subproject_code
      """;

  private final JdbcClient jdbc;
  private final FundingCycles cycles;
  private final FundingPort funding;
  private final AwardTiers tiers;

  public AwardRounds(JdbcClient jdbc, FundingCycles cycles, FundingPort funding, AwardTiers tiers) {
    this.jdbc = jdbc;
    this.cycles = cycles;
    this.funding = funding;
    this.tiers = tiers;
  }

  /** What is wrong with a request to open a round; empty when it may open. */
  public List<FieldError> checkOpening(String cycleCode, Long budget, String note) {
    List<FieldError> errors = new ArrayList<>();
    Optional<FundingCycle> cycle = cycleCode == null ? Optional.empty() : cycles.find(cycleCode);
    if (cycleCode == null || cycleCode.isBlank()) {
      errors.add(FieldChecks.required("cycleCode"));
    } else if (cycle.isEmpty()) {
      errors.add(new FieldError("cycleCode", Texts.both("award.noFundingCycle", cycleCode)));
    } else if ("REWARD".equals(cycle.get().fundCode())) {
      errors.add(new FieldError("cycleCode", Texts.both("award.cycleOfSubprojects")));
    }
    if (budget == null) {
      errors.add(FieldChecks.required("budget"));
    } else if (budget <= 0) {
      errors.add(new FieldError("budget", Texts.both("check.positive")));
    }
    if (note != null && note.length() > 1000) {
      errors.add(new FieldError("roundNote", Texts.both("check.longer", 1000)));
    }
    return errors;
  }

  /**
   * Opens a round for a cycle: its code, its budget, and as candidates the closed,
   * evaluated sub-projects of the cycle that no other round has considered, ranked by
   * score, each with the tier the decision table proposes.
   */
  @Transactional
  public AwardRound open(String cycleCode, long budget, String note, String processInstanceId, String actor) {
    List<FieldError> errors = checkOpening(cycleCode, budget, note);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Optional<AwardRound> already = jdbc.sql("SELECT * FROM award_round WHERE process_instance_id = ?")
        .param(processInstanceId).query(ROUND).optional();
    if (already.isPresent()) {
      return already.get(); // a retried step opens nothing twice
    }
    jdbc.sql("SELECT code FROM funding_cycle WHERE code = ? FOR UPDATE").param(cycleCode).query(String.class).single();
    long number = jdbc.sql("SELECT COUNT(*) FROM award_round WHERE cycle_code = ?").param(cycleCode)
        .query(Long.class).single() + 1;
    String code = String.format("XT-%s-%02d", cycleCode, number);
    jdbc.sql("""
        INSERT INTO award_round (code, cycle_code, process_instance_id, budget, status, note, opened_by, opened_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """).params(code, cycleCode, processInstanceId, budget, AwardRound.SELECTING, note, actor,
        Timestamp.from(Instant.now())).update();
    List<Candidate> candidates = jdbc.sql("""
        SELECT code, evaluation_score, women_reached, men_reached FROM subproject s
        WHERE s.cycle_code = ? AND s.stage = ? AND s.evaluation_score IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM award a WHERE a.subproject_code = s.code)
        ORDER BY s.evaluation_score DESC, s.code
        """).params(cycleCode, Stage.CLOSED.name()).query(AwardRounds::candidate).list();
    int rank = 0;
    for (Candidate candidate : candidates) {
      AwardTiers.Proposal proposal = tiers.propose(candidate.score(), candidate.womenShare());
      jdbc.sql("""
          INSERT INTO award (round_code, subproject_code, rank_no, evaluation_score, women_share, proposed_tier,
                             proposed_amount)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """).params(code, candidate.code(), ++rank, candidate.score(), candidate.womenShare(), proposal.tier(),
          proposal.amount()).update();
    }
    return find(code).orElseThrow();
  }

  public Optional<AwardRound> find(String code) {
    return jdbc.sql("SELECT * FROM award_round WHERE code = ?").param(code).query(ROUND).optional();
  }

  public List<AwardRound> ofCycle(String cycleCode) {
    return jdbc.sql("SELECT * FROM award_round WHERE cycle_code = ? ORDER BY code").param(cycleCode).query(ROUND)
        .list();
  }

  /** The candidates of a round in rank order. */
  public List<Award> awards(String roundCode) {
    return jdbc.sql(AWARDS + " WHERE a.round_code = ? ORDER BY a.rank_no").param(roundCode).query(AWARD).list();
  }

  /** The candidates selected for an award (amount above 0), in rank order. */
  public List<Award> winners(String roundCode) {
    return awards(roundCode).stream().filter(Award::isWinner).toList();
  }

  /** Codes of the winners: the collection the model's payment tasks run over. */
  public List<String> winnerCodes(String roundCode) {
    return winners(roundCode).stream().map(Award::subprojectCode).toList();
  }

  public Optional<Award> award(String roundCode, String subprojectCode) {
    return jdbc.sql(AWARDS + " WHERE a.round_code = ? AND a.subproject_code = ?").params(roundCode, subprojectCode)
        .query(AWARD).optional();
  }

  /**
   * Saves award amounts as {@link AwardSelection} allows them; a refused selection records
   * nothing.
   *
   * @param field the input field the refusals name
   */
  @Transactional
  public AwardRound select(String roundCode, Map<String, Long> amounts, AwardSelection.Mode mode, String field) {
    AwardRound round = lock(roundCode);
    if (!AwardRound.SELECTING.equals(round.status())) {
      throw new ConflictException(Texts.both("award.listApproved", roundCode));
    }
    List<Award> current = awards(roundCode);
    AwardSelection.Result selected = AwardSelection.apply(roundCode, round.budget(), current, amounts, mode, field);
    for (Award award : current) {
      long amount = selected.amounts().get(award.subprojectCode());
      if (amount != award.amount()) {
        jdbc.sql("UPDATE award SET amount = ? WHERE round_code = ? AND subproject_code = ?")
            .params(amount, roundCode, award.subprojectCode()).update();
      }
    }
    jdbc.sql("UPDATE award_round SET selected = ? WHERE code = ?").params(selected.total(), roundCode).update();
    return find(roundCode).orElseThrow();
  }

  /** Freezes the selection: the director approved the list. */
  @Transactional
  public AwardRound approve(String roundCode) {
    AwardRound round = lock(roundCode);
    if (AwardRound.SELECTING.equals(round.status())) {
      jdbc.sql("UPDATE award_round SET status = ? WHERE code = ?").params(AwardRound.APPROVED, roundCode).update();
    }
    return find(roundCode).orElseThrow();
  }

  /**
   * Records the payment of an award: the award row, the round's paid total (never above
   * what was selected) and a ledger entry of the reward fund. Paying twice records once.
   */
  @Transactional
  public Award pay(String roundCode, String subprojectCode, LocalDate paidOn, String reference, String actor) {
    AwardRound round = lock(roundCode);
    Award award = award(roundCode, subprojectCode).orElseThrow(() -> new NotFoundException(
        Texts.both("award.notCandidate", subprojectCode, roundCode)));
    if (award.isPaid()) {
      return award;
    }
    if (!AwardRound.APPROVED.equals(round.status()) || !award.isWinner()) {
      throw new FundingRefusedException(Texts.both("award.notApprovedForPayment", subprojectCode));
    }
    jdbc.sql("""
        UPDATE award SET payment_reference = ?, paid_on = ?, paid_by = ?, paid_at = ?
        WHERE round_code = ? AND subproject_code = ?
        """).params(reference, Date.valueOf(paidOn), actor, Timestamp.from(Instant.now()), roundCode, subprojectCode)
        .update();
    int updated = jdbc.sql("UPDATE award_round SET paid = paid + ? WHERE code = ? AND paid + ? <= selected")
        .params(award.amount(), roundCode, award.amount()).update();
    if (updated == 0) {
      throw new FundingRefusedException(Texts.both("award.aboveApprovedTotal", roundCode));
    }
    funding.payAward(roundCode, subprojectCode, award.amount(), actor, reference);
    return award(roundCode, subprojectCode).orElseThrow();
  }

  /** Closes the round with its totals. */
  @Transactional
  public AwardRound close(String roundCode) {
    lock(roundCode);
    jdbc.sql("UPDATE award_round SET status = ?, closed_at = ? WHERE code = ? AND status <> ?")
        .params(AwardRound.CLOSED, Timestamp.from(Instant.now()), roundCode, AwardRound.CLOSED).update();
    return find(roundCode).orElseThrow();
  }

  private AwardRound lock(String roundCode) {
    return jdbc.sql("SELECT * FROM award_round WHERE code = ? FOR UPDATE").param(roundCode).query(ROUND).optional()
        .orElseThrow(() -> new NotFoundException(Texts.both("award.noRound", roundCode)));
  }

  private record Candidate(String code, double score, double womenShare) {
  }

  private static Candidate candidate(ResultSet rs, int row) throws SQLException {
    int women = rs.getInt("women_reached");
    int men = rs.getInt("men_reached");
    double share = women + men == 0 ? 0 : Math.round(women * 1000.0 / (women + men)) / 10.0;
    return new Candidate(rs.getString("code"), rs.getDouble("evaluation_score"), share);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static LocalDate date(Date date) {
    return date == null ? null : date.toLocalDate();
  }
}
