package org.pcm2.grants.feedback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.system.ClientLimit;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.PageTexts;
import org.pcm2.grants.texts.Texts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public feedback page ({@code /feedback}): anyone, without signing in, on a phone,
 * tells the programme something about a commune or one of its sub-projects, anonymously or
 * with a contact, and gets a reference to look up its status and answer later
 * ({@code /feedback/status}). Vietnamese first. A client sending too much is told to wait
 * (429); a wrong field is named on the page (400) and nothing is kept. The same form, signed
 * in as in the Tasklist ({@code /dialogues/feedback}, among the pages of what was heard at
 * meetings), lets a facilitator, a commune's leader or DWC enter what someone said in person
 * or on paper, as {@code POST /api/feedback} does.
 */
@Controller
class FeedbackPages {

  private static final PageTexts TEXTS = PageTexts.INSTANCE;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
      .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

  private final FeedbackIntake intake;
  private final FeedbackRepository feedback;
  private final DirectoryService directory;
  private final ClientLimit submissions;
  private final ClientLimit lookups;

  FeedbackPages(FeedbackIntake intake, FeedbackRepository feedback, DirectoryService directory,
      @Value("${pcm.feedback.submissions-per-hour:10}") int submissionsPerHour,
      @Value("${pcm.feedback.lookups-per-hour:60}") int lookupsPerHour) {
    this.intake = intake;
    this.feedback = feedback;
    this.directory = directory;
    this.submissions = new ClientLimit(submissionsPerHour, Duration.ofHours(1), Clock.systemUTC());
    this.lookups = new ClientLimit(lookupsPerHour, Duration.ofHours(1), Clock.systemUTC());
  }

  @GetMapping("/feedback")
  String form(Model model) {
    return form(model, Map.of(), List.of());
  }

  @PostMapping("/feedback")
  String submit(@RequestParam Map<String, String> form,
      @RequestParam(name = "photo", required = false) MultipartFile photo, HttpServletRequest request,
      HttpServletResponse response, Model model) throws java.io.IOException {
    if (!submissions.allow(request.getRemoteAddr())) {
      return tooMany(model, response);
    }
    try {
      String reference = intake.submit(submission(form, photo), FeedbackIntake.Channel.PUBLIC_PAGE, null);
      model.addAttribute("t", TEXTS);
      model.addAttribute("reference", reference);
      return "feedback/received";
    } catch (InvalidInputException refused) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return form(model, form, refused.errors());
    }
  }

  /** The same form for a facilitator, a commune's leader or DWC, who enters what was heard in person or on paper. */
  @GetMapping("/dialogues/feedback")
  String heardForm(Authentication user, Model model) {
    recorder(user);
    return heardForm(model, Map.of(), List.of());
  }

  @PostMapping("/dialogues/feedback")
  String heard(@RequestParam Map<String, String> form,
      @RequestParam(name = "photo", required = false) MultipartFile photo, Authentication user,
      HttpServletResponse response, Model model) throws java.io.IOException {
    Viewer viewer = recorder(user);
    try {
      FeedbackIntake.Channel channel = "PAPER".equals(form.get("channel")) ? FeedbackIntake.Channel.PAPER
          : FeedbackIntake.Channel.IN_PERSON;
      String reference = intake.submit(submission(form, photo), channel, viewer.userId());
      // to a page of its own, so that reloading it enters nothing twice
      return "redirect:/dialogues/feedback/" + reference;
    } catch (InvalidInputException refused) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return heardForm(model, form, refused.errors());
    }
  }

  @GetMapping("/dialogues/feedback/{reference:PA-[A-Z0-9]{8}}")
  String entered(@PathVariable String reference, Authentication user, Model model) {
    recorder(user);
    model.addAttribute("t", TEXTS);
    model.addAttribute("reference", reference);
    return "feedback/received";
  }

  private String heardForm(Model model, Map<String, String> values, List<FieldError> errors) {
    form(model, values, errors);
    model.addAttribute("heard", true);
    return "feedback/form";
  }

  private static Viewer recorder(Authentication user) {
    return FeedbackIntake.mayEnterHeard(Viewer.of(user));
  }

  /** What the form says, its photo if one was chosen; an unknown category is named. */
  private static FeedbackIntake.Submission submission(Map<String, String> form, MultipartFile photo)
      throws java.io.IOException {
    boolean anonymous = "on".equals(form.get("anonymous"));
    FeedbackCategory category;
    try {
      category = form.get("category") == null ? null : FeedbackCategory.valueOf(form.get("category"));
    } catch (IllegalArgumentException unknown) {
      throw new InvalidInputException(List.of(new FieldError("category", Texts.both("check.required"))));
    }
    return new FeedbackIntake.Submission(form.get("communeCode"), form.get("subprojectCode"), category,
        "on".equals(form.get("aboutLeaders")), form.get("text"), anonymous ? null : form.get("contactName"),
        anonymous ? null : form.get("contactPhone"), anonymous ? null : form.get("contactEmail"),
        photo == null || photo.isEmpty() && (photo.getOriginalFilename() == null
            || photo.getOriginalFilename().isBlank()) ? null
            : new FeedbackPhotos.Upload(photo.getOriginalFilename(), photo.getBytes()));
  }

  @GetMapping("/feedback/status")
  String status(@RequestParam(required = false) String reference, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    model.addAttribute("t", TEXTS);
    model.addAttribute("reference", reference == null ? "" : reference);
    if (reference == null || reference.isBlank()) {
      return "feedback/status";
    }
    if (!lookups.allow(request.getRemoteAddr())) {
      return tooMany(model, response);
    }
    var found = feedback.status(reference.strip().toUpperCase(java.util.Locale.ROOT));
    if (found.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("notFound", true);
      return "feedback/status";
    }
    var status = found.get();
    model.addAttribute("status", status);
    model.addAttribute("commune", directory.findPlace(status.communeCode()).map(Place::name).orElse(""));
    model.addAttribute("category", FeedbackCategory.valueOf(status.category()).textKey());
    model.addAttribute("receivedAt", DAY.format(status.receivedAt()));
    model.addAttribute("resolvedAt", status.resolvedAt() == null ? null : DAY.format(status.resolvedAt()));
    return "feedback/status";
  }

  private String form(Model model, Map<String, String> values, List<FieldError> errors) {
    model.addAttribute("t", TEXTS);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("categories", FeedbackCategory.values());
    model.addAttribute("communes", communes());
    model.addAttribute("maxText", FeedbackIntake.MAX_TEXT);
    model.addAttribute("heard", false);
    return "feedback/form";
  }

  /**
   * A commune to choose on the page: one merged into another says which, as a villager may
   * still know it by its old name (its feedback goes to the new commune's leaders).
   */
  record CommuneChoice(String code, String name) {
  }

  private List<CommuneChoice> communes() {
    List<Place> communes = directory.communes();
    Map<String, String> names = new java.util.HashMap<>();
    communes.forEach(commune -> names.put(commune.code(), commune.name()));
    Map<String, String> mergers = directory.mergers();
    return communes.stream().map(commune -> {
      String into = mergers.get(commune.code());
      return new CommuneChoice(commune.code(), into == null ? commune.name()
          : commune.name() + " (" + Texts.both("feedback.communeMerged", names.getOrDefault(into, into)) + ")");
    }).sorted(Comparator.comparing(CommuneChoice::name)).toList();
  }

  private String tooMany(Model model, HttpServletResponse response) {
    response.setStatus(429);
    response.setHeader("Retry-After", String.valueOf(Duration.ofHours(1).toSeconds()));
    model.addAttribute("t", TEXTS);
    return "feedback/too-many";
  }
}
