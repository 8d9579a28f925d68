package org.pcm2.grants.proposal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Element;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;
import org.pcm2.grants.system.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A few sub-projects of the demo's CM cycle run through the whole grant cycle, each step
 * completed by the demo user whose job it is, so that a new install has closed, evaluated
 * sub-projects (for an award round, the lists and the reports). Idempotent: a sample that
 * exists is only taken on to its end. Demo profile, {@code pcm.demo.sample-cycles}.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "pcm.demo.sample-cycles", havingValue = "true")
@Order(20)
class DemoSubprojects implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSubprojects.class);

  /** One sample: its group, what it asks, who evaluates it and how (five scores 1–5), whom it reached. */
  record Sample(String key, String groupCode, String title, long grant, String leader, List<Long> scores,
      long womenReached, long menReached, String sector, long output) {
  }

  static final List<Sample> SAMPLES = List.of(
      new Sample("demo-closed-1", "CBG0574005", "Bê tông hóa đường xóm Khuôn Ngục", 15_000_000L, "leader1",
          List.of(5L, 5L, 4L, 5L, 5L), 64, 52, "ROADS", 300),
      new Sample("demo-closed-2", "CBG0574006", "Sửa mái nhà văn hóa xóm Đồng Đình", 12_000_000L, "leader1",
          List.of(5L, 4L, 4L, 4L, 4L), 31, 45, "COMMUNITY", 1),
      new Sample("demo-closed-3", "CBG0574304", "Nạo vét mương thủy lợi xóm Suối Cái", 14_000_000L, "leader3",
          List.of(4L, 4L, 4L, 3L, 3L), 40, 38, "ENVIRONMENT", 800),
      new Sample("demo-closed-4", "CBG0574007", "Loa truyền thanh xóm Làng Chùa", 8_000_000L, "leader1",
          List.of(3L, 3L, 3L, 3L, 3L), 20, 22, "COMMUNITY", 1));

  private static final String FACILITATOR = "facilitator1";

  private final SubprojectSubmissions submissions;
  private final TaskService tasks;
  private final IdentityService identity;
  private final Attachments attachments;

  DemoSubprojects(SubprojectSubmissions submissions, TaskService tasks, IdentityService identity,
      Attachments attachments) {
    this.submissions = submissions;
    this.tasks = tasks;
    this.identity = identity;
    this.attachments = attachments;
  }

  @Override
  public void run(ApplicationArguments args) {
    int ended = 0;
    for (Sample sample : SAMPLES) {
      String instance = submissions.previous(sample.key(), FACILITATOR)
          .orElseGet(() -> submissions.submit(FACILITATOR, withMinutes(proposal(sample)), sample.key()))
          .processInstanceId();
      for (int step = 0; step < 20; step++) {
        Task task = tasks.createTaskQuery().processInstanceId(instance).active().singleResult();
        if (task == null) {
          ended++;
          break;
        }
        Map<String, Object> variables = stepOf(sample, task.getTaskDefinitionKey());
        if (variables == null) {
          LOG.warn("Demo sample {} waits at {}: left there", sample.key(), task.getTaskDefinitionKey());
          break;
        }
        String user = (String) variables.remove("user");
        if (Element.SUBMIT_COMPLETION_REPORT.equals(task.getTaskDefinitionKey())) {
          String code = (String) tasks.getVariable(task.getId(), Var.SUBPROJECT_CODE);
          variables.put("photoFiles", String.valueOf(attachments.store(code, "PHOTO", "anh-cong-trinh-mau.png",
              samplePhoto(), FACILITATOR).id()));
        }
        Actors.authenticate(identity, user);
        try {
          tasks.complete(task.getId(), variables);
        } finally {
          identity.clearAuthentication();
        }
      }
    }
    LOG.info("Demo: {} of {} sample sub-projects run through the grant cycle", ended, SAMPLES.size());
  }

  private static Map<String, Object> proposal(Sample sample) {
    Map<String, Object> v = new HashMap<>();
    v.put(Var.TITLE, sample.title());
    v.put(Var.FUND_CODE, "CM");
    v.put(Var.CYCLE_CODE, "CM-2026-1");
    v.put(Var.GROUP_CODE, sample.groupCode());
    v.put(Var.SECTOR_CODE, sample.sector());
    v.put(Var.OUTPUT_PLANNED, sample.output());
    v.put(Var.OBJECTIVES, "Cải thiện điều kiện sinh hoạt và sản xuất của cộng đồng");
    v.put(Var.ACTIVITIES, "Họp dân thống nhất, mua vật liệu, thi công, nghiệm thu và bàn giao");
    v.put(Var.REQUESTED_GRANT, sample.grant());
    v.put(Var.CONTRIBUTION_CASH, sample.grant() * 15 / 100);
    v.put(Var.CONTRIBUTION_LABOUR, sample.grant() * 15 / 100);
    v.put(Var.CONTRIBUTION_MATERIALS, 0L);
    v.put(Var.PLANNED_START, LocalDate.now().plusDays(7).toString());
    v.put(Var.PLANNED_END, LocalDate.now().plusMonths(4).toString());
    v.put(Var.BENEFICIARIES_WOMEN, sample.womenReached());
    v.put(Var.BENEFICIARIES_MEN, sample.menReached());
    return v;
  }

  /** The proposal with its sample minutes, held for the facilitator as the start form's chooser does. */
  private Map<String, Object> withMinutes(Map<String, Object> proposal) {
    byte[] pdf = ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n"
        + "% Bien ban hop mau (du lieu demo) / sample minutes (demo data)\n%%EOF\n")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    proposal.put(Var.MINUTES_FILES, String.valueOf(attachments.hold("MINUTES", "bien-ban-hop-mau.pdf", pdf,
        FACILITATOR).id()));
    return proposal;
  }

  /** A small plain picture standing for a photo of the works (demo data). */
  private static byte[] samplePhoto() {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(32, 24,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(image, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** What the demo user whose job it is enters at a step, with their id under "user". */
  private static Map<String, Object> stepOf(Sample sample, String taskKey) {
    Map<String, Object> v = new HashMap<>();
    String today = LocalDate.now().toString();
    switch (taskKey) {
      case Element.REVIEW_PROPOSAL -> {
        v.put("user", sample.leader());
        v.put(Var.REVIEW_DECISION, "ENDORSE");
        v.put(Var.REVIEW_COMMENT, "Xã nhất trí, nhân dân đã họp bàn");
      }
      case Element.APPRAISE_PROPOSAL -> {
        v.put("user", "officer1");
        v.put(Var.APPRAISAL_DECISION, "APPROVE");
        v.put(Var.APPROVED_GRANT, sample.grant());
        v.put(Var.APPRAISAL_COMMENT, "Phù hợp mục tiêu của quỹ");
      }
      case Element.RECORD_DISBURSEMENT_TASK -> {
        v.put("user", "finance1");
        v.put(Var.PAYMENT_DATE, today);
        v.put(Var.PAYMENT_REFERENCE, "UNC-" + sample.key());
      }
      case Element.CONFIRM_RECEIPT -> {
        v.put("user", FACILITATOR);
        v.put(Var.RECEIPT_DATE, today);
      }
      case Element.SUBMIT_COMPLETION_REPORT -> {
        v.put("user", FACILITATOR);
        v.put(Var.ACTUAL_SPENDING, sample.grant());
        v.put(Var.CONTRIBUTION_MOBILISED, sample.grant() / 5);
        v.put(Var.WOMEN_REACHED, sample.womenReached());
        v.put(Var.MEN_REACHED, sample.menReached());
        v.put(Var.OUTPUT_ACHIEVED, sample.output());
        v.put(Var.MAINTENANCE_GROUP, "Tổ quản lý, bảo trì công trình của xóm");
        v.put(Var.COMPLETION_SUMMARY, "Hoàn thành đúng thiết kế, đã bàn giao cho cộng đồng quản lý");
      }
      case Element.EVALUATE_RESULTS -> {
        v.put("user", sample.leader());
        for (int i = 0; i < Var.SCORES.size(); i++) {
          v.put(Var.SCORES.get(i), sample.scores().get(i));
        }
        v.put(Var.COMMUNITY_FEEDBACK, "Bà con hài lòng, công trình được sử dụng thường xuyên");
      }
      case Element.CLOSE_SUBPROJECT -> {
        v.put("user", "officer1");
        v.put(Var.CLOSURE_DECISION, "CLOSE");
        v.put(Var.CLOSURE_COMMENT, "Chứng từ đầy đủ");
      }
      default -> {
        return null;
      }
    }
    return v;
  }
}
