package org.pcm2.grants.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pcm2.grants.PcmGrantsApplication;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.ApplicationProcess;
import org.pcm2.grants.support.GrantCycleSteps;
import org.pcm2.grants.support.PostgresDatabase;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.RequiresPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill: the nightly backup taken in the middle of cycles — steps open, reminders
 * waiting on their timers, mails waiting in the outbox (the mail server is down), a grant
 * committed and paid, an award round at selection with an award saved — by the backup script of the compose file ({@code src/main/docker/backup/
 * backup.sh}), restored into a new database as the README says, and the application started on
 * it ten days later. Every open step, timer, ledger line and waiting mail is there; the timers
 * whose time came fire; each waiting mail goes out once (its Message-ID once); the envelopes
 * agree with the ledger.
 */
@ExtendWith(RequiresPostgres.class)
class BackupRestoreDrillIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROUND = "XT-CM-2026-1-01";
  private static final Pattern MESSAGE_ID = Pattern.compile("<pcm2-(\\d+)-[0-9a-f]+@.+>");

  @TempDir
  private Path backups;

  private static ConfigurableApplicationContext start(String url, int smtpPort) {
    return new SpringApplicationBuilder(PcmGrantsApplication.class).profiles("postgres", "demo").run(
        "--server.port=0", "--management.server.port=0", "--spring.datasource.url=" + url,
        "--spring.datasource.username=" + PostgresDatabase.USER,
        "--spring.datasource.password=" + PostgresDatabase.PASSWORD, "--pcm.demo.sample-cycles=true",
        "--pcm.mail.enabled=true", "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
        "--pcm.mail.poll-interval=500ms");
  }

  @Test
  void aBackupTakenMidCycleRestoresWithEverythingAndSendsEachWaitingMailOnce() throws Exception {
    String url = PostgresDatabase.freshDatabase("pcm_drill_backup");
    int smtpPort = ApplicationProcess.freePort(); // nobody answers there yet: mails wait
    Map<String, Object> before;
    try (ConfigurableApplicationContext first = start(url, smtpPort)) {
      String base = "http://localhost:" + ((WebServerApplicationContext) first).getWebServer().getPort();
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      submit(base, "CBG0574005", "Sao lưu một");
      submit(base, "CBG0574006", "Sao lưu hai");
      String paid = submit(base, "CBG0574007", "Sao lưu ba");
      for (String[] step : List.of(GrantCycleSteps.STEPS).subList(0, 3)) {
        HttpResponse<String> done = new ApiClient(base, GrantCycleSteps.user(step, "leader1"), "demo")
            .postJson("/api/subprojects/" + paid + "/tasks/" + step[1], step[2]);
        assertThat(done.statusCode()).as(step[1] + ": " + done.body()).isEqualTo(204);
      }
      // an award round at selection: the demo's closed sub-projects are its candidates, one award saved
      HttpResponse<String> round = org.pcm2.grants.support.WebappSession.login(base, "officer1", "demo").post(
          "/process-definition/key/awardRound/submit-form", Map.of("variables", org.pcm2.grants.support.WebappSession
              .typed(Map.of("cycleCode", "CM-2026-1", "budget", 20_000_000L, "roundNote", "Sao lưu giữa vòng"))));
      assertThat(round.statusCode()).as(round.body()).isEqualTo(200);
      String candidate = JSON.readTree(new ApiClient(base, "officer1", "demo").get("/api/award-rounds/" + ROUND).body())
          .at("/awards/0/subprojectCode").asText();
      assertThat(new ApiClient(base, "officer1", "demo").putJson("/api/award-rounds/" + ROUND + "/awards/" + candidate,
          "{\"amount\":7000000}").statusCode()).isEqualTo(200);
      before = state(jdbc);
      assertThat((List<?>) before.get("round")).as("the round at selection").isNotEmpty();
      assertThat((List<?>) before.get("timers")).as("reminders waiting on their timers").isNotEmpty();
      assertThat((List<?>) before.get("pendingMails")).as("mails waiting for the mail server").isNotEmpty();
      assertThat((List<?>) before.get("ledger")).as("commitment and payment").hasSizeGreaterThanOrEqualTo(2);

      // the nightly backup, by the compose file's script, while the application runs
      ProcessBuilder script = new ProcessBuilder("sh", "src/main/docker/backup/backup.sh").redirectErrorStream(true)
          .redirectOutput(backups.resolve("backup.log").toFile());
      script.environment().putAll(Map.of("BACKUP_NOW", "1", "PGHOST", "127.0.0.1", "PGUSER", PostgresDatabase.USER,
          "PGPASSWORD", PostgresDatabase.PASSWORD, "PGDATABASE", "pcm_drill_backup", "PCM_BACKUP_DIR",
          backups.toString()));
      int exit = script.start().waitFor();
      assertThat(exit).as(Files.readString(backups.resolve("backup.log"))).isZero();
    }
    List<Path> dumps;
    try (Stream<Path> files = Files.list(backups)) {
      dumps = files.filter(f -> f.getFileName().toString().matches("pcm-\\d{8}-\\d{6}\\.dump")).toList();
    }
    assertThat(dumps).hasSize(1);

    // restored into a new database, as the README says
    String restoredUrl = PostgresDatabase.freshDatabase("pcm_drill_restored");
    ProcessBuilder restore = new ProcessBuilder("pg_restore", "--no-owner", "-h", "127.0.0.1", "-U",
        PostgresDatabase.USER, "-d", "pcm_drill_restored", dumps.get(0).toString()).redirectErrorStream(true)
        .redirectOutput(backups.resolve("restore.log").toFile());
    restore.environment().put("PGPASSWORD", PostgresDatabase.PASSWORD);
    assertThat(restore.start().waitFor()).as(Files.readString(backups.resolve("restore.log"))).isZero();

    // everything is in the restored database before anything runs on it
    Map<String, Object> restored = state(JdbcClient.create(new org.springframework.jdbc.datasource
        .DriverManagerDataSource(restoredUrl, PostgresDatabase.USER, PostgresDatabase.PASSWORD)));
    assertThat(restored).isEqualTo(before);

    GreenMail smtp = DrillSetup.startSmtp(smtpPort);
    // ten days later: every reminder and escalation due in the meantime is due now
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + Duration.ofDays(10).toMillis()));
    try (ConfigurableApplicationContext second = start(restoredUrl, smtpPort)) {
      JdbcClient jdbc = second.getBean(JdbcClient.class);

      @SuppressWarnings("unchecked")
      List<String> timers = (List<String>) before.get("timers");
      await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql("SELECT COUNT(*) FROM act_ru_job WHERE id_ IN ("
          + String.join(",", timers.stream().map(t -> "'" + t + "'").toList()) + ")").query(Long.class).single() == 0);
      @SuppressWarnings("unchecked")
      List<String> later = (List<String>) before.get("laterTimers");
      assertThat(jdbc.sql("SELECT id_ FROM act_ru_job WHERE type_ = 'timer' AND duedate_ >= ? ORDER BY id_")
          .param(new java.sql.Timestamp(System.currentTimeMillis() + Duration.ofDays(11).toMillis()))
          .query(String.class).list()).as("timers not yet due wait on").containsAll(later);
      assertThat(jdbc.sql("SELECT COUNT(*) FROM act_hi_actinst WHERE act_id_ = 'BoundaryEvent_ReviewReminder'")
          .query(Long.class).single()).as("the review reminders fired").isPositive();

      // the round goes on where it was: still selecting, its saved award there, another saved
      String base = "http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort();
      JsonNode roundAfter = JSON.readTree(new ApiClient(base, "officer1", "demo").get("/api/award-rounds/" + ROUND)
          .body());
      assertThat(roundAfter.at("/round/status").asText()).isEqualTo("SELECTING");
      assertThat(roundAfter.at("/awards/1/subprojectCode").asText()).isNotEmpty();
      assertThat(new ApiClient(base, "officer1", "demo").putJson("/api/award-rounds/" + ROUND + "/awards/"
          + roundAfter.at("/awards/1/subprojectCode").asText(), "{\"amount\":4000000}").statusCode()).isEqualTo(200);

      await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
          "SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'").query(Long.class).single() == 0);
      long sent = jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT'").query(Long.class).single();
      await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length >= sent);
      List<Long> rows = new ArrayList<>();
      for (var message : smtp.getReceivedMessages()) {
        Matcher id = MESSAGE_ID.matcher(DrillChecks.messageId(message));
        assertThat(id.matches()).isTrue();
        rows.add(Long.parseLong(id.group(1)));
      }
      assertThat(rows).as("no mail twice").doesNotHaveDuplicates().hasSize((int) sent);
      @SuppressWarnings("unchecked")
      List<Long> waiting = (List<Long>) before.get("pendingMails");
      assertThat(rows).as("every mail that waited in the backup went out").containsAll(waiting);
      try (var db = java.sql.DriverManager.getConnection(restoredUrl, PostgresDatabase.USER, PostgresDatabase.PASSWORD);
          var sql = db.createStatement()) {
        assertThat(DrillChecks.envelopesOutOfStep(sql)).as("envelopes out of step with the ledger").isZero();
      }
      System.out.printf("%nBACKUP AND RESTORE DRILL: %d open steps, %d timers, %d ledger lines and %d waiting mails in"
          + " a backup of %,d bytes taken while the application ran; restored ten days later: all there, the timers"
          + " fired, %d mails sent once each, the envelopes agree with the ledger%n%n",
          ((List<?>) before.get("openTasks")).size(), timers.size(), ((List<?>) before.get("ledger")).size(),
          waiting.size(), new File(dumps.get(0).toString()).length(), sent);
    } finally {
      ClockUtil.reset();
      smtp.stop();
    }
  }

  private static String submit(String base, String group, String title) throws Exception {
    HttpResponse<String> created = new ApiClient(base, "facilitator1", "demo").submitProposal(
        JSON.writeValueAsString(Proposals.valid(group, title)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("code").asText();
  }

  /** What a restore must bring back, each part in a stable order. */
  private static Map<String, Object> state(JdbcClient jdbc) {
    Map<String, Object> state = new HashMap<>();
    state.put("openTasks", jdbc.sql("SELECT id_ || ' ' || task_def_key_ || ' ' || COALESCE(assignee_, '-')"
        + " FROM act_ru_task ORDER BY id_").query(String.class).list());
    // the timers due within the ten days the system is down (reminders, escalations)
    state.put("timers", jdbc.sql("SELECT id_ FROM act_ru_job WHERE type_ = 'timer' AND duedate_ < ? ORDER BY id_")
        .param(new java.sql.Timestamp(System.currentTimeMillis() + Duration.ofDays(9).toMillis()))
        .query(String.class).list());
    state.put("laterTimers", jdbc.sql("SELECT id_ FROM act_ru_job WHERE type_ = 'timer' AND duedate_ >= ?"
        + " ORDER BY id_").param(new java.sql.Timestamp(System.currentTimeMillis() + Duration.ofDays(11).toMillis()))
        .query(String.class).list());
    state.put("ledger", jdbc.sql("SELECT id || ' ' || subproject_code || ' ' || kind || ' ' || amount FROM"
        + " ledger_entry ORDER BY id").query(String.class).list());
    state.put("pendingMails", jdbc.sql("SELECT id FROM mail_outbox WHERE status = 'PENDING' ORDER BY id")
        .query(Long.class).list());
    state.put("round", jdbc.sql("SELECT * FROM award_round ORDER BY code").query().listOfRows().stream()
        .map(Object::toString).toList());
    state.put("awards", jdbc.sql("SELECT * FROM award ORDER BY round_code, subproject_code").query().listOfRows()
        .stream().map(Object::toString).toList());
    state.put("subprojects", jdbc.sql("SELECT code || ' ' || stage FROM subproject ORDER BY code")
        .query(String.class).list());
    return state;
  }
}
