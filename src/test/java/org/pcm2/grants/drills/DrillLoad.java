package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.Proposals;

/**
 * The load a drill puts on the application while something breaks: facilitators submitting
 * proposals, the communes' leaders endorsing what waits for review and DWC officers
 * approving what waits for appraisal, every client in a loop until {@link #stop()}.
 *
 * <p>Each proposal is the only one of its group in its cycle (a second one would be
 * screened ineligible and go no further): the drill opens cycles of its own, and each
 * (cycle, group) is proposed once, under its own Idempotency-Key. Each cycle gives each
 * commune an envelope of one grant, so the approvals of a commune race for it and all but
 * one are refused. What every client is told is kept in {@link Outcomes}.
 */
final class DrillLoad {

  /** The kinds of call a client makes. */
  enum Call { SUBMIT, LIST, ENDORSE, APPROVE }

  /** A group that proposes, its facilitator, its commune and that commune's leaders. */
  record Group(String code, String facilitator, String commune, List<String> leaders) {
  }

  /** One proposal to make: a group in a cycle. */
  record Slot(Group group, String cycle) {
  }

  /** The hamlet groups of the demo whose commune has a leader who signs in. */
  static final List<Group> GROUPS = groups();
  /** Every approval asks for this; each commune's envelope in a drill's cycle holds exactly one. */
  static final long GRANT = 15_000_000L;
  static final String ENDORSEMENT = "{\"reviewDecision\":\"ENDORSE\",\"reviewComment\":\"Xã nhất trí (diễn tập)\"}";
  static final String APPROVAL = "{\"appraisalDecision\":\"APPROVE\",\"approvedGrant\":" + GRANT + "}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService clients;

  private DrillLoad(int clients) {
    this.clients = Executors.newFixedThreadPool(clients);
  }

  /**
   * Opens {@code count} CM cycles coded {@code prefix-1...} as officer1, each with an
   * envelope of one {@link #GRANT} for every commune of {@link #GROUPS}; the slots, cycle
   * after cycle.
   */
  static Queue<Slot> openCycles(String baseUrl, String prefix, int count) throws Exception {
    ApiClient officer = new ApiClient(baseUrl, "officer1", "demo");
    Queue<Slot> slots = new ConcurrentLinkedQueue<>();
    for (int i = 1; i <= count; i++) {
      String cycle = prefix + "-" + i;
      HttpResponse<String> opened = officer.postJson("/api/cycles", JSON.writeValueAsString(Map.of("code", cycle,
          "fundCode", "CM", "name", "Đợt diễn tập " + i, "opensOn", "2026-01-01", "closesOn", "2027-12-31")));
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
      for (String commune : GROUPS.stream().map(Group::commune).distinct().toList()) {
        HttpResponse<String> envelope = officer.putJson("/api/cycles/" + cycle + "/envelopes/" + commune,
            "{\"amount\":" + GRANT + "}");
        assertThat(envelope.statusCode()).as(envelope.body()).isEqualTo(200);
      }
      for (Group group : GROUPS) {
        slots.add(new Slot(group, cycle));
      }
    }
    return slots;
  }

  /**
   * Starts the clients on the applications at {@code bases} (each call to the next one):
   * {@code facilitators} submitting the slots until none is left, {@code leaders}
   * endorsing (leader1, leader3, leader4, leader2 in turn: two of them for one commune, who
   * race for its tasks), {@code officers} approving (officer1 and officer2 in turn). A client
   * waits {@code pause} between calls, and 200 ms after a 5xx; a call without an answer goes
   * to {@link Outcomes#failed}.
   */
  static DrillLoad start(List<String> bases, Queue<Slot> slots, int facilitators, int leaders, int officers,
      String keyPrefix, String titlePrefix, Duration pause, Outcomes outcomes) {
    DrillLoad load = new DrillLoad(facilitators + leaders + officers);
    List<String> leaderIds = List.of("leader1", "leader3", "leader4", "leader2");
    AtomicInteger keys = new AtomicInteger();
    for (int c = 0; c < facilitators + leaders + officers; c++) {
      int client = c;
      load.clients.submit(() -> {
        int n = 0;
        while (load.running.get()) {
          n++;
          String base = bases.get((client + n) % bases.size());
          try {
            HttpResponse<String> last = null;
            if (client < facilitators) {
              Slot slot = slots.poll();
              if (slot != null) {
                String key = keyPrefix + keys.incrementAndGet();
                Map<String, Object> proposal = Proposals.valid(slot.group().code(), titlePrefix + key);
                proposal.put("cycleCode", slot.cycle());
                last = new ApiClient(base, slot.group().facilitator(), "demo").submitProposal(
                    JSON.writeValueAsString(proposal), "Idempotency-Key", key);
                outcomes.told(Call.SUBMIT, key, slot, last);
              }
            } else if (client < facilitators + leaders) {
              String leader = leaderIds.get((client - facilitators) % leaderIds.size());
              last = take(new ApiClient(base, leader, "demo"), "IN_REVIEW", "UserTask_ReviewProposal",
                  ENDORSEMENT, Call.ENDORSE, outcomes);
            } else {
              String officer = (client - facilitators - leaders) % 2 == 0 ? "officer1" : "officer2";
              last = take(new ApiClient(base, officer, "demo"), "IN_APPRAISAL", "UserTask_AppraiseProposal",
                  APPROVAL, Call.APPROVE, outcomes);
            }
            Thread.sleep(last != null && last.statusCode() >= 500 ? Math.max(200, pause.toMillis())
                : last == null ? Math.max(100, pause.toMillis()) : pause.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          } catch (Exception e) {
            outcomes.failed(e);
          }
        }
        return null;
      });
    }
    return load;
  }

  /** Takes the step of every sub-project of the stage the person sees; the last answer. */
  private static HttpResponse<String> take(ApiClient person, String stage, String task, String body, Call call,
      Outcomes outcomes) throws Exception {
    // officers see the whole country: more at a time, past the ones whose envelope is spent
    HttpResponse<String> last = person.get("/api/subprojects?stage=" + stage + "&limit="
        + (call == Call.APPROVE ? 100 : 5));
    outcomes.told(Call.LIST, null, null, last);
    if (last.statusCode() == 200) {
      for (JsonNode item : JSON.readTree(last.body())) {
        String code = item.get("code").asText();
        if (call == Call.APPROVE && outcomes.envelopeRefused.containsKey(code)) {
          continue; // refused once for a spent envelope: the envelope only fills up
        }
        last = person.postJson("/api/subprojects/" + code + "/tasks/" + task, body);
        outcomes.told(call, code, null, last);
      }
    }
    return last;
  }

  /** Stops every client after its current call and waits for them. */
  void stop() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("the drill's clients stopped").isTrue();
  }

  /**
   * What the clients were told, sorted: acknowledged submissions (key → code and slot),
   * refused ones (key → status), acknowledged endorsements and approvals (code → count),
   * approvals refused for the envelope, answers by call and status, and every answer or
   * failure the drill did not expect. Expected are: 2xx; 503 (a drill that takes the
   * database away marks it with {@link #outage}); 409 for a step another person took first
   * or, for an approval, an envelope spent; nothing else, and no call without an answer
   * unless the drill killed the application ({@link #killed}).
   */
  static final class Outcomes {
    final Map<String, String> submitted = new ConcurrentHashMap<>();
    final Map<String, Slot> slotOf = new ConcurrentHashMap<>();
    final Map<String, Integer> refusedSubmissions = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> endorsed = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> approved = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> envelopeRefused = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    final Map<String, String> unexpected = new ConcurrentHashMap<>();
    /** The first answer of each 5xx status during the outage, with its Retry-After. */
    final Map<String, String> outageAnswers = new ConcurrentHashMap<>();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failuresAfterKill = new AtomicInteger();
    /** The database is away: a 503 is the right answer. */
    final AtomicBoolean outage = new AtomicBoolean();
    /** The application was killed: calls without an answer are expected. */
    final AtomicBoolean killed = new AtomicBoolean();

    void told(Call call, String subject, Slot slot, HttpResponse<String> response) throws Exception {
      int status = response.statusCode();
      answers.computeIfAbsent(call + " " + status, k -> new AtomicInteger()).incrementAndGet();
      boolean expected = switch (call) {
        case SUBMIT -> status == 201 || status == 200 || status == 503 && outage.get();
        case LIST -> status == 200 || status == 503 && outage.get();
        case ENDORSE, APPROVE -> status == 204 || status == 409 || status == 503 && outage.get();
      };
      if (outage.get() && status >= 500) {
        outageAnswers.putIfAbsent(String.valueOf(status), status + " " + response.headers().firstValue("Retry-After")
            .map(v -> "Retry-After " + v + " ").orElse("") + response.body());
      }
      if (!expected) {
        unexpected.putIfAbsent(call + " " + status + (outage.get() ? " during the outage " : " ")
            + response.request().method() + " " + response.uri().getPath(), response.body());
      }
      switch (call) {
        case SUBMIT -> {
          if (status == 201 || status == 200) {
            submitted.put(subject, JSON.readTree(response.body()).get("code").asText());
            slotOf.put(subject, slot);
          } else {
            refusedSubmissions.put(subject, status);
          }
        }
        case ENDORSE -> count(endorsed, subject, status);
        case APPROVE -> {
          count(approved, subject, status);
          if (status == 409 && response.body().contains("Vượt hạn mức")) {
            envelopeRefused.computeIfAbsent(subject, k -> new AtomicInteger()).incrementAndGet();
          }
        }
        default -> { }
      }
    }

    void failed(Exception e) {
      if (killed.get()) {
        failuresAfterKill.incrementAndGet();
      } else {
        failures.add(e.toString());
      }
    }

    private static void count(Map<String, AtomicInteger> done, String code, int status) {
      if (status == 204) {
        done.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
      }
    }

    /** The facilitator's and leaders' commune of an acknowledged sub-project. */
    Group groupOf(String code) {
      return submitted.entrySet().stream().filter(e -> e.getValue().equals(code)).map(e -> slotOf.get(e.getKey()).group())
          .findFirst().orElse(null);
    }

    @Override
    public String toString() {
      return "answers " + new java.util.TreeMap<>(answers) + "; " + submitted.size() + " submissions, "
          + endorsed.size() + " endorsements, " + approved.size() + " approvals acknowledged; "
          + envelopeRefused.size() + " sub-projects refused for a spent envelope";
    }
  }

  private static List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      groups.add(new Group("CBG057400" + i, "facilitator1", "05740", List.of("leader1", "leader2")));
      groups.add(new Group("CBG057430" + i, "facilitator1", "05743", List.of("leader3")));
      if (i <= 6) {
        groups.add(new Group("CBG191200" + i, "facilitator4", "19120", List.of("leader4")));
      }
    }
    return List.copyOf(groups);
  }
}
