package org.pcm2.grants.proposal;

import org.pcm2.grants.audit.AuditEntry;

import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.grantcycle.GrantCycleParseListener;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.pcm2.grants.texts.Texts;
import org.pcm2.grants.system.Unchecked;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sub-project's attachments as the Tasklist's forms show them (read-only field
 * {@code attachmentList}): one line a file with its kind, size and download address. The
 * list is a variable of each open task of the grant cycle, written when the task is created
 * and again after each upload; being the task's own, a form sent back with an older list
 * changes nothing that outlives the task.
 */
@Component
class AttachmentList extends AbstractProcessEnginePlugin implements TaskListener {

  static final String VARIABLE = "attachmentList";

  private final Attachments attachments;
  private final TaskService tasks;
  private final IdentityService identity;

  AttachmentList(Attachments attachments, @Lazy TaskService tasks, @Lazy IdentityService identity) {
    this.attachments = attachments;
    this.tasks = tasks;
    this.identity = identity;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    GrantCycleParseListener.register(configuration, new GrantCycleParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (inGrantCycle(activity)) {
          ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
              .addTaskListener(TaskListener.EVENTNAME_CREATE, AttachmentList.this);
        }
      }
    });
  }

  @Override
  public void notify(DelegateTask task) {
    String code = task.getExecution().getProcessBusinessKey();
    if (code != null) {
      task.setVariableLocal(VARIABLE, text(attachments.list(code)));
    }
  }

  /** Keeps a file and shows it on the sub-project's open tasks, both or neither. */
  @Transactional
  public Attachments.Attachment add(String code, String kind, String fileName, byte[] bytes, String user) {
    Attachments.Attachment stored = attachments.store(code, kind, fileName, bytes, user);
    refresh(code);
    return stored;
  }

  private void refresh(String code) {
    String text = text(attachments.list(code));
    Unchecked.read(identity, () -> {
      tasks.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey(SubprojectGrantProcess.KEY).list()
          .forEach(task -> tasks.setVariableLocal(task.getId(), VARIABLE, text));
      return null;
    });
  }

  static String text(List<Attachments.Attachment> files) {
    if (files.isEmpty()) {
      return Texts.both("proposal.noAttachments");
    }
    List<String> lines = new java.util.ArrayList<>(files.stream().map(file -> "• " + kind(file.kind()) + ": "
        + file.fileName() + " (" + size(file.sizeBytes()) + where(file) + ") — /api/subprojects/"
        + file.subprojectCode() + "/attachments/" + file.id()).toList());
    // a form's text variable holds 4,000 characters: the newest files, and how many came before
    int earlier = 0;
    while (String.join("\n", lines).length() > MAX_TEXT - 200) {
      lines.remove(0);
      earlier++;
    }
    if (earlier > 0) {
      lines.add(0, Texts.both("attachment.earlier", String.valueOf(earlier), "/api/subprojects/"
          + files.get(0).subprojectCode() + "/attachments"));
    }
    return String.join("\n", lines);
  }

  /** The most a text variable of the engine holds. */
  private static final int MAX_TEXT = 4000;

  /** A file as an entry of the sub-project's timeline: who added what, when, and where a photo was taken. */
  static AuditEntry timelineEntry(Attachments.Attachment file) {
    return new AuditEntry(file.subprojectCode(), null, null, Texts.both("attachment.timelineStep",
        Texts.text("attachment.kind." + file.kind())), "FILE", file.fileName() + " (" + size(file.sizeBytes())
        + where(file) + ")", null, file.uploadedBy(), file.uploadedAt());
  }

  /** ", chụp 12/03/2027 10:15, vị trí 21.028500, 105.854200" for a photo that says so; nothing otherwise. */
  static String where(Attachments.Attachment file) {
    StringBuilder text = new StringBuilder();
    if (file.takenAt() != null) {
      text.append(", ").append(Texts.vietnamese("evidence.takenAt", DAY_AND_TIME.format(file.takenAt())));
    }
    if (file.latitude() != null && file.longitude() != null) {
      text.append(", ").append(Texts.vietnamese("evidence.position", String.format(Locale.ROOT, "%.6f, %.6f",
          file.latitude(), file.longitude())));
    }
    return text.toString();
  }

  private static final java.time.format.DateTimeFormatter DAY_AND_TIME = java.time.format.DateTimeFormatter
      .ofPattern("dd/MM/yyyy HH:mm").withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));

  private static String kind(String kind) {
    return switch (kind) {
      case "MINUTES", "PHOTO", "RECEIPT", "REPORT" -> Texts.vietnamese("attachment.kind." + kind);
      default -> kind;
    };
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return Math.round(bytes / 1024.0) + " KB";
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024)).replace('.', ',');
  }
}
