package org.pcm2.grants.dialogue;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.dialogue.DialogueProcess.Var;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.system.Unchecked;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Dialogue meetings between the community and its commune's leaders: who came (women and
 * men), what was raised, and what was promised. Each commitment becomes its owner's step,
 * due on its day, reminded a week before and reported to DWC when overdue; a meeting, its
 * commitments and their processes are kept in one transaction, or none of them.
 */
@Service
public class DialogueMeetings {

  /** One promise: what, who keeps it (a user id), by when. */
  public record Commitment(String what, String owner, LocalDate dueOn) {
  }

  /** A meeting as it is recorded. */
  public record Meeting(String communeCode, LocalDate heldOn, Integer women, Integer men, String issues,
      List<Commitment> commitments) {
  }

  /** What was kept: the meeting's id and each commitment's process, in order. */
  public record Recorded(long meetingId, List<String> commitmentKeys) {
  }

  /** Commitments one meeting may record. */
  static final int MAX_COMMITMENTS = 50;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final JdbcClient jdbc;
  private final DirectoryService directory;
  private final RuntimeService runtime;
  private final IdentityService identity;

  DialogueMeetings(JdbcClient jdbc, DirectoryService directory, RuntimeService runtime, IdentityService identity) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.runtime = runtime;
    this.identity = identity;
  }

  @Transactional
  public Recorded record(Viewer viewer, Meeting m) {
    if (!viewer.isDwc() && !viewer.isFacilitator() && !viewer.communes().contains(m.communeCode())) {
      throw new NotFoundException(Texts.both("dialogue.whoRecords"));
    }
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
    List<FieldError> errors = new ArrayList<>();
    Place commune = m.communeCode() == null ? null : directory.findPlace(m.communeCode())
        .filter(place -> place.kind() == PlaceKind.COMMUNE).orElse(null);
    if (commune == null) {
      errors.add(new FieldError("communeCode", Texts.both("feedback.noCommune")));
    }
    if (m.heldOn() == null || m.heldOn().isAfter(today)) {
      errors.add(new FieldError("heldOn", Texts.both("dialogue.heldOn")));
    }
    if (m.women() == null || m.men() == null || m.women() < 0 || m.men() < 0 || m.women() + m.men() == 0
        || m.women() + m.men() > 100_000) {
      errors.add(new FieldError(m.women() == null || m.women() < 0 ? "women" : "men", Texts.both("dialogue.attendance")));
    }
    if (m.issues() == null || m.issues().isBlank() || m.issues().length() > 4000) {
      errors.add(new FieldError("issues", Texts.both("check.requiredAtMost", 4000)));
    }
    List<Commitment> commitments = m.commitments() == null ? List.of() : m.commitments();
    if (commitments.size() > MAX_COMMITMENTS) {
      errors.add(new FieldError("commitments", Texts.both("dialogue.tooMany", MAX_COMMITMENTS)));
    }
    for (int i = 0; i < commitments.size() && i < MAX_COMMITMENTS; i++) {
      Commitment c = commitments.get(i);
      String field = "commitments[" + i + "]";
      if (c == null || c.what() == null || c.what().isBlank() || c.what().length() > 1000) {
        errors.add(new FieldError(field + ".what", Texts.both("check.requiredAtMost", 1000)));
      }
      if (c == null || c.owner() == null || Unchecked.read(identity,
          () -> identity.createUserQuery().userId(c.owner()).count()) == 0) {
        errors.add(new FieldError(field + ".owner", Texts.both("dialogue.owner")));
      }
      if (c == null || c.dueOn() == null || m.heldOn() != null && (c.dueOn().isBefore(m.heldOn())
          || c.dueOn().isAfter(m.heldOn().plusYears(2)))) {
        errors.add(new FieldError(field + ".dueOn", Texts.both("dialogue.dueOn")));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO dialogue_meeting (commune_code, held_on, women, men, issues, recorded_by, recorded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""").params(commune.code(), Date.valueOf(m.heldOn()), m.women(), m.men(),
        m.issues().strip(), viewer.userId(), Timestamp.from(ClockUtil.getCurrentTime().toInstant()))
        .update(key, "id");
    long meetingId = key.getKey().longValue();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < commitments.size(); i++) {
      keys.add(start(meetingId, i + 1, commitments.get(i), commune, m.heldOn()));
    }
    return new Recorded(meetingId, keys);
  }

  private String start(long meetingId, int number, Commitment c, Place commune, LocalDate heldOn) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO dialogue_commitment (meeting_id, what, owner, due_on, status) VALUES (?, ?, ?, ?, 'OPEN')")
        .params(meetingId, c.what().strip(), c.owner(), Date.valueOf(c.dueOn())).update(key, "id");
    long id = key.getKey().longValue();
    java.util.Date due = java.util.Date.from(c.dueOn().plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant()
        .minusSeconds(1));
    java.util.Date now = ClockUtil.getCurrentTime();
    java.util.Date reminder = java.util.Date.from(due.toInstant().minus(java.time.Duration.ofDays(7)));
    Map<String, Object> v = new HashMap<>();
    v.put(Var.COMMITMENT_ID, id);
    v.put(Var.OWNER, c.owner());
    v.put(Var.DUE, due);
    v.put(Var.REMINDER_AT, reminder.before(now) ? now : reminder);
    v.put(Var.TEXT, c.what().strip());
    v.put(Var.COMMUNE_NAME, commune.name());
    v.put(Var.MEETING_DATE, DAY.format(heldOn));
    v.put(Var.TITLE, c.what().strip().length() > 80 ? c.what().strip().substring(0, 80) + "…" : c.what().strip());
    v.put(Var.MAIL_ABOUT, "commitment");
    String businessKey = "DT-" + meetingId + "-" + number;
    String instance = runtime.startProcessInstanceByKey(DialogueProcess.KEY, businessKey, v).getId();
    jdbc.sql("UPDATE dialogue_commitment SET process_instance_id = ? WHERE id = ?").params(instance, id).update();
    return businessKey;
  }

  /** A meeting as it was recorded, with its commitments and where each stands. */
  public record MeetingView(long id, String communeName, LocalDate heldOn, int women, int men, String issues,
      String recordedBy, List<CommitmentView> commitments) {
  }

  /** One commitment: what, whose, by when, and OPEN, KEPT or NOT_KEPT. */
  public record CommitmentView(String what, String owner, LocalDate dueOn, String status) {
  }

  /**
   * The meeting, for whoever recorded it, DWC and the leaders of its commune; nothing for
   * anyone else.
   */
  public java.util.Optional<MeetingView> find(Viewer viewer, long id) {
    return jdbc.sql("""
        SELECT m.id, p.name, m.held_on, m.women, m.men, m.issues, m.recorded_by, m.commune_code
        FROM dialogue_meeting m JOIN place p ON p.code = m.commune_code WHERE m.id = ?""").param(id)
        .query((rs, row) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getInt(4),
            rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8)}).optional()
        .filter(row -> viewer.isDwc() || viewer.userId().equals(row[6]) || viewer.communes().contains((String) row[7]))
        .map(row -> new MeetingView((Long) row[0], (String) row[1], (LocalDate) row[2], (Integer) row[3],
            (Integer) row[4], (String) row[5], (String) row[6], jdbc.sql("""
                SELECT what, owner, due_on, status FROM dialogue_commitment WHERE meeting_id = ? ORDER BY id""")
                .param(id).query((rs, i) -> new CommitmentView(rs.getString(1), rs.getString(2),
                    rs.getDate(3).toLocalDate(), rs.getString(4))).list()));
  }

  /** Meetings, attendance by sex, and commitments kept, not kept, open and overdue. */
  public record Counts(long meetings, long women, long men, long commitments, long kept, long notKept, long open,
      long overdue) {
  }

  public Counts counts(Viewer viewer, String commune) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (!viewer.isDwc() && !viewer.isAdministrator()) {
      if (viewer.communes().isEmpty()) {
        throw new NotFoundException(Texts.both("feedback.reportForWhom"));
      }
      where.append(" AND m.commune_code IN (").append(String.join(", ", viewer.communes().stream().map(c -> "?")
          .toList())).append(")");
      params.addAll(viewer.communes());
    }
    if (commune != null && !commune.isBlank()) {
      where.append(" AND m.commune_code = ?");
      params.add(commune.strip());
    }
    Map<String, Object> meetings = jdbc.sql("SELECT COUNT(*) AS n, COALESCE(SUM(women), 0) AS w, "
        + "COALESCE(SUM(men), 0) AS m FROM dialogue_meeting m" + where).params(params).query().singleRow();
    List<Object> withToday = new ArrayList<>();
    withToday.add(Date.valueOf(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault())));
    withToday.addAll(params);
    Map<String, Object> promised = jdbc.sql("SELECT COUNT(c.id) AS n, "
        + "COALESCE(SUM(CASE WHEN c.status = 'KEPT' THEN 1 ELSE 0 END), 0) AS kept, "
        + "COALESCE(SUM(CASE WHEN c.status = 'NOT_KEPT' THEN 1 ELSE 0 END), 0) AS notkept, "
        + "COALESCE(SUM(CASE WHEN c.status = 'OPEN' THEN 1 ELSE 0 END), 0) AS open, "
        + "COALESCE(SUM(CASE WHEN c.status = 'OPEN' AND c.due_on < ? THEN 1 ELSE 0 END), 0) AS overdue "
        + "FROM dialogue_commitment c JOIN dialogue_meeting m ON m.id = c.meeting_id" + where).params(withToday)
        .query().singleRow();
    return new Counts(number(meetings, "n"), number(meetings, "w"), number(meetings, "m"), number(promised, "n"),
        number(promised, "kept"), number(promised, "notkept"), number(promised, "open"), number(promised, "overdue"));
  }

  private static long number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (value == null) {
      value = row.get(column.toUpperCase(java.util.Locale.ROOT));
    }
    return value == null ? 0 : ((Number) value).longValue();
  }
}
