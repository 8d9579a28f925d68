package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.Proposals;

/**
 * The load a drill puts on the application while something breaks: facilitators submitting
 * proposals (each with its own Idempotency-Key) and a commune leader endorsing whatever
 * waits for review, every client in a loop until {@link #stop()}. What each client is told
 * goes to the drill's {@link Answers}; what the drill makes of it is its own.
 */
final class DrillLoad {

  /** The kinds of call a client makes. */
  enum Call { SUBMIT, LIST, ENDORSE }

  /** What a client was told: the call, its subject (the Idempotency-Key, or the sub-project code) and the answer. */
  interface Answers {
    void told(Call call, String subject, HttpResponse<String> response) throws Exception;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService clients;

  private DrillLoad(int clients) {
    this.clients = Executors.newFixedThreadPool(clients);
  }

  /**
   * Starts {@code clients} clients on the application at {@code baseUrl}: the first
   * {@code facilitators} submit proposals titled {@code titlePrefix + key} for the groups in
   * turn, the others list the sub-projects in review ({@code listLimit} at a time) and
   * endorse each with {@code endorsement}. Each client waits {@code pause} between calls,
   * and 200 ms after a server error, as a person would; a call that got no answer (the
   * application killed, say) goes to {@code failures}.
   */
  static DrillLoad start(String baseUrl, int clients, int facilitators, String keyPrefix, String titlePrefix,
      List<String> groups, int listLimit, String endorsement, Duration pause, Answers answers,
      Consumer<Exception> failures) {
    DrillLoad load = new DrillLoad(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      load.clients.submit(() -> {
        ApiClient facilitator = new ApiClient(baseUrl, "facilitator1", "demo");
        ApiClient leader = new ApiClient(baseUrl, "leader1", "demo");
        int n = 0;
        while (load.running.get()) {
          n++;
          try {
            HttpResponse<String> last;
            if (client < facilitators) {
              String key = keyPrefix + client + "-" + n;
              last = facilitator.postJson("/api/subprojects", JSON.writeValueAsString(
                  Proposals.valid(groups.get((client + n) % groups.size()), titlePrefix + key)), "Idempotency-Key", key);
              answers.told(Call.SUBMIT, key, last);
            } else {
              last = leader.get("/api/subprojects?stage=IN_REVIEW&limit=" + listLimit);
              answers.told(Call.LIST, null, last);
              if (last.statusCode() == 200) {
                for (JsonNode item : JSON.readTree(last.body())) {
                  String code = item.get("code").asText();
                  last = leader.postJson("/api/subprojects/" + code + "/tasks/UserTask_ReviewProposal", endorsement);
                  answers.told(Call.ENDORSE, code, last);
                }
              }
            }
            Thread.sleep(last.statusCode() >= 500 ? Math.max(200, pause.toMillis()) : pause.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          } catch (Exception e) {
            failures.accept(e);
          }
        }
        return null;
      });
    }
    return load;
  }

  /** Stops every client after its current call and waits for them. */
  void stop() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("the drill's clients stopped").isTrue();
  }
}
