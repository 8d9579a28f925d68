package org.pcm2.grants.dialogue;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.PageTexts;
import org.pcm2.grants.texts.Texts;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page on which a commune's leader, a facilitator or DWC records a dialogue meeting
 * ({@code /dialogues/new}): the day, who came, what was raised, and each commitment with its
 * owner and due day, the same record as {@code POST /api/dialogues}. Signed in as in the
 * Tasklist; the form carries the token against forgery. A wrong field is named on the page
 * (400) and nothing is kept; "more commitments" gives the form more lines, keeping what was
 * typed, without recording anything. A recorded meeting has its own page ({@code
 * /dialogues/{id}}) for whoever recorded it, DWC and the commune's leaders.
 */
@Controller
class DialoguePages {

  /** Commitment lines the form shows at first, and adds each time more are asked for. */
  static final int LINES = 5;

  private static final PageTexts TEXTS = PageTexts.INSTANCE;

  private final DialogueMeetings meetings;
  private final DirectoryService directory;

  DialoguePages(DialogueMeetings meetings, DirectoryService directory) {
    this.meetings = meetings;
    this.directory = directory;
  }

  @GetMapping("/dialogues/new")
  String form(Authentication user, Model model) {
    Viewer viewer = recorder(user);
    return form(viewer, model, Map.of(), LINES, List.of());
  }

  @PostMapping("/dialogues")
  String record(@RequestParam Map<String, String> form, Authentication user, HttpServletResponse response,
      Model model) {
    Viewer viewer = recorder(user);
    int lines = Math.min(Math.max(number(form.get("lines"), LINES), LINES), DialogueMeetings.MAX_COMMITMENTS);
    if (form.containsKey("more")) {
      return form(viewer, model, form, Math.min(lines + LINES, DialogueMeetings.MAX_COMMITMENTS), List.of());
    }
    List<FieldError> errors = new ArrayList<>();
    LocalDate heldOn = day(form.get("heldOn"), "heldOn", errors);
    List<DialogueMeetings.Commitment> commitments = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      String what = form.getOrDefault("what" + i, "").strip();
      String owner = form.getOrDefault("owner" + i, "").strip();
      String due = form.getOrDefault("dueOn" + i, "").strip();
      if (what.isEmpty() && owner.isEmpty() && due.isEmpty()) {
        continue; // a line left empty
      }
      commitments.add(new DialogueMeetings.Commitment(what, owner, day(due, "commitments[" + commitments.size()
          + "].dueOn", errors)));
    }
    Integer women = count(form.get("women"), "women", errors);
    Integer men = count(form.get("men"), "men", errors);
    try {
      // a day or a count that could not be read goes on as missing or negative: the record refuses it
      DialogueMeetings.Recorded recorded = meetings.record(viewer, new DialogueMeetings.Meeting(
          form.get("communeCode"), heldOn, women, men, form.get("issues"), commitments));
      // to the meeting's own page, so that reloading it records nothing twice
      return "redirect:/dialogues/" + recorded.meetingId();
    } catch (InvalidInputException refused) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      List<FieldError> all = new ArrayList<>(errors);
      refused.errors().stream().filter(e -> all.stream().noneMatch(mine -> mine.field().equals(e.field())))
          .forEach(all::add);
      return form(viewer, model, form, lines, all);
    }
  }

  @GetMapping("/dialogues/{id:\\d+}")
  String meeting(@PathVariable long id, Authentication user, Model model) {
    Viewer viewer = Viewer.of(user);
    model.addAttribute("t", TEXTS);
    model.addAttribute("viewer", viewer);
    model.addAttribute("meeting", meetings.find(viewer, id)
        .orElseThrow(() -> new NotFoundException(Texts.both("dialogue.noMeeting"))));
    return "dialogues/recorded";
  }

  private String form(Viewer viewer, Model model, Map<String, String> values, int lines, List<FieldError> errors) {
    model.addAttribute("t", TEXTS);
    model.addAttribute("viewer", viewer);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    model.addAttribute("lines", lines);
    model.addAttribute("communes", communes(viewer));
    model.addAttribute("today", LocalDate.now().toString());
    return "dialogues/new";
  }

  /** The communes this person records meetings of: their own for a leader, every commune for DWC and facilitators. */
  private List<Place> communes(Viewer viewer) {
    java.util.Set<String> merged = directory.mergers().keySet();
    return directory.communes().stream()
        .filter(c -> viewer.isDwc() || viewer.isFacilitator() ? !merged.contains(c.code())
            : viewer.communes().contains(c.code()))
        .sorted(Comparator.comparing(Place::name)).toList();
  }

  private static Viewer recorder(Authentication user) {
    Viewer viewer = Viewer.of(user);
    if (!viewer.isDwc() && !viewer.isFacilitator() && viewer.communes().isEmpty()) {
      throw new NotFoundException(Texts.both("dialogue.whoRecords"));
    }
    return viewer;
  }

  private static LocalDate day(String text, String field, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null; // the record names what is missing
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, Texts.both("check.date")));
      return null;
    }
  }

  private static Integer count(String text, String field, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, Texts.both("dialogue.attendance")));
      return -1;
    }
  }

  private static int number(String text, int otherwise) {
    try {
      return text == null ? otherwise : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
