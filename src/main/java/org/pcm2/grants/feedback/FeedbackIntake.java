package org.pcm2.grants.feedback;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.feedback.FeedbackProcess.Var;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a piece of community feedback: checks it field by field (each wrong field named,
 * nothing kept), gives it its reference, writes its row and starts its process in one
 * transaction. The sender's contact stays in the row; the process gets only what its
 * handlers need to read.
 */
@Service
public class FeedbackIntake {

  /**
   * What someone tells the programme. Contact fields are all empty for anonymous feedback; the
   * photo is null when none came with it.
   */
  public record Submission(String communeCode, String subprojectCode, FeedbackCategory category, boolean aboutLeaders,
      String text, String contactName, String contactPhone, String contactEmail, FeedbackPhotos.Upload photo) {
  }

  /** How it came: the public page, or entered by a facilitator or leader who heard it. */
  public enum Channel { PUBLIC_PAGE, IN_PERSON, PAPER }

  public static final int MIN_TEXT = 10;
  public static final int MAX_TEXT = 2000;
  private static final Pattern MARKUP = Pattern.compile("<\\s*/?\\s*[A-Za-z!?]");
  private static final Pattern PHONE = Pattern.compile("[0-9 +().-]{8,20}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");
  /** No 0/O or 1/I/L: a reference read out over the phone or copied by hand. */
  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FeedbackRepository feedback;
  private final DirectoryService directory;
  private final RuntimeService runtime;
  private final JdbcClient jdbc;
  private final FeedbackPhotos photos;

  FeedbackIntake(FeedbackRepository feedback, DirectoryService directory, RuntimeService runtime, JdbcClient jdbc,
      FeedbackPhotos photos) {
    this.photos = photos;
    this.feedback = feedback;
    this.directory = directory;
    this.runtime = runtime;
    this.jdbc = jdbc;
  }

  /**
   * Refuses anyone but a facilitator, a commune's leader or DWC the entering of feedback heard
   * in person or on paper (as if there were no such thing to do).
   */
  static Viewer mayEnterHeard(Viewer viewer) {
    if (!viewer.isFacilitator() && viewer.communes().isEmpty() && !viewer.isDwc()) {
      throw new NotFoundException(Texts.both("feedback.programmePeopleOnly"));
    }
    return viewer;
  }

  /** Checks, keeps and starts it; its reference. */
  @Transactional
  public String submit(Submission raw, Channel channel, String recordedBy) {
    Submission s = clean(raw);
    List<FieldError> errors = new ArrayList<>();
    Place commune = null;
    if (s.communeCode() == null) {
      errors.add(new FieldError("communeCode", Texts.both("check.required")));
    } else {
      commune = directory.findPlace(s.communeCode()).filter(place -> place.kind() == PlaceKind.COMMUNE).orElse(null);
      if (commune == null) {
        errors.add(new FieldError("communeCode", Texts.both("feedback.noCommune")));
      }
    }
    if (s.subprojectCode() != null && commune != null && !commune.code().equals(subprojectCommune(s.subprojectCode()))) {
      errors.add(new FieldError("subprojectCode", Texts.both("feedback.noSubproject")));
    }
    if (s.category() == null) {
      errors.add(new FieldError("category", Texts.both("check.required")));
    }
    if (s.text() == null || s.text().length() < MIN_TEXT || s.text().length() > MAX_TEXT) {
      errors.add(new FieldError("text", Texts.both("feedback.textLength", MIN_TEXT, MAX_TEXT)));
    } else if (MARKUP.matcher(s.text()).find()) {
      errors.add(new FieldError("text", Texts.both("feedback.noMarkup")));
    }
    if (s.contactName() != null && (s.contactName().length() > 100 || MARKUP.matcher(s.contactName()).find())) {
      errors.add(new FieldError("contactName", Texts.both("check.requiredAtMost", 100)));
    }
    if (s.contactPhone() != null && !PHONE.matcher(s.contactPhone()).matches()) {
      errors.add(new FieldError("contactPhone", Texts.both("feedback.phone")));
    }
    if (s.contactEmail() != null && (s.contactEmail().length() > 200 || !EMAIL.matcher(s.contactEmail()).matches())) {
      errors.add(new FieldError("contactEmail", Texts.both("feedback.email")));
    }
    if (s.photo() != null) {
      FeedbackPhotos.check(s.photo()).ifPresent(errors::add);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    String reference = newReference();
    feedback.insert(reference, s, channel.name(), recordedBy, ClockUtil.getCurrentTime().toInstant());
    if (s.photo() != null) {
      photos.insert(reference, s.photo());
    }
    Map<String, Object> v = new HashMap<>();
    v.put(Var.REFERENCE, reference);
    v.put(Var.CATEGORY, s.category().name());
    v.put(Var.CATEGORY_LABEL, Texts.vietnamese(s.category().textKey()) + " (" + Texts.english(s.category().textKey())
        + ")");
    v.put(Var.ABOUT_LEADERS, s.aboutLeaders());
    v.put(Var.TEXT, s.text());
    v.put(Var.COMMUNE_CODE, commune.code());
    v.put(Var.COMMUNE_NAME, commune.name());
    v.put(Var.SUBPROJECT_CODE, s.subprojectCode());
    v.put(Var.MAIL_ABOUT, FeedbackSteps.MAIL_ABOUT);
    v.put(Var.TITLE, Texts.vietnamese(s.category().textKey()) + " — " + commune.name());
    String instance = runtime.startProcessInstanceByKey(FeedbackProcess.KEY, reference, v).getId();
    feedback.linkProcess(reference, instance);
    return reference;
  }

  private String subprojectCommune(String code) {
    return jdbc.sql("SELECT commune_code FROM subproject WHERE code = ?").param(code).query(String.class).optional()
        .orElse(null);
  }

  private String newReference() {
    for (int attempt = 0; attempt < 10; attempt++) {
      StringBuilder reference = new StringBuilder("PA-");
      for (int i = 0; i < 8; i++) {
        reference.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      }
      if (!feedback.exists(reference.toString())) {
        return reference.toString();
      }
    }
    throw new IllegalStateException("No free feedback reference after 10 draws");
  }

  /** Blank fields as missing, text trimmed; an anonymous sender's contact left out. */
  private static Submission clean(Submission s) {
    return new Submission(trim(s.communeCode()), trim(s.subprojectCode()), s.category(), s.aboutLeaders(),
        trim(s.text()), trim(s.contactName()), trim(s.contactPhone()), trim(s.contactEmail()), s.photo());
  }

  private static String trim(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
