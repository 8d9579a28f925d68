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
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.system.ClientLimit;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.PageTexts;
import org.pcm2.grants.texts.Texts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public feedback page ({@code /feedback}): anyone, without signing in, on a phone,
 * tells the programme something about a commune or one of its sub-projects, anonymously or
 * with a contact, and gets a reference to look up its status and answer later
 * ({@code /feedback/status}). Vietnamese first. A client sending too much is told to wait
 * (429); a wrong field is named on the page (400) and nothing is kept.
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
    boolean anonymous = "on".equals(form.get("anonymous"));
    FeedbackCategory category = null;
    try {
      category = form.get("category") == null ? null : FeedbackCategory.valueOf(form.get("category"));
    } catch (IllegalArgumentException unknown) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return form(model, form, List.of(new FieldError("category", Texts.both("check.required"))));
    }
    try {
      String reference = intake.submit(new FeedbackIntake.Submission(form.get("communeCode"),
          form.get("subprojectCode"), category, "on".equals(form.get("aboutLeaders")), form.get("text"),
          anonymous ? null : form.get("contactName"), anonymous ? null : form.get("contactPhone"),
          anonymous ? null : form.get("contactEmail"), photo == null || photo.isEmpty() && photo.getOriginalFilename()
              .isBlank() ? null : new FeedbackPhotos.Upload(photo.getOriginalFilename(), photo.getBytes())),
          FeedbackIntake.Channel.PUBLIC_PAGE, null);
      model.addAttribute("t", TEXTS);
      model.addAttribute("reference", reference);
      return "feedback/received";
    } catch (InvalidInputException refused) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return form(model, form, refused.errors());
    }
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
