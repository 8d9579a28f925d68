package org.pcm2.grants.setup;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryListing;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.grantcycle.Stage;
import org.pcm2.grants.people.FacilitatorHandover;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The directory's pages ({@code /directory/**}), in Vietnamese first like the dashboard:
 * places, schools and groups to search and page through (DWC staff and administrators), the
 * CSV import with its preview and a group's page where an administrator hands it to another
 * facilitator. Writes go through the same services as {@code /api}: {@link DirectoryImport},
 * {@link FacilitatorHandover}. A previewed file waits in the person's session and is applied
 * only if it is the file they saw (its SHA-256).
 */
@Controller
class DirectoryPages {

  static final int PAGE_SIZE = 50;
  private static final String PENDING = DirectoryPages.class.getName() + ".pending";

  /** A file previewed and waiting for "apply". */
  record PendingImport(DirectoryImport.Kind kind, String csv, String digest, String fileName)
      implements java.io.Serializable {
  }

  /** An open sub-project of a group, as its page lists it. */
  record OpenSubproject(String code, String title, String stage, String facilitatorId) {
  }

  /** A facilitator to choose from. */
  record Person(String id, String name) {
  }

  /** How a page names the kinds of places, schools and groups. */
  static final java.util.Map<String, String> KINDS = java.util.Map.of("PROVINCE", "Tỉnh / province", "DISTRICT",
      "Huyện / district", "COMMUNE", "Xã / commune", "HAMLET", "Thôn, xóm / hamlet", "SCHOOL", "Trường THCS / school",
      "CBG", "Nhóm cộng đồng / CBG", "STUDENT_GROUP", "Nhóm học sinh / student group");

  private static final List<String> CLOSED = Stage.ENDED;

  private final DirectoryListing listing;
  private final DirectoryService directory;
  private final DirectoryImport imports;
  private final DirectoryExport export;
  private final FacilitatorHandover handover;
  private final IdentityService identity;
  private final JdbcClient jdbc;

  DirectoryPages(DirectoryListing listing, DirectoryService directory, DirectoryImport imports,
      DirectoryExport export, FacilitatorHandover handover, IdentityService identity, JdbcClient jdbc) {
    this.export = export;
    this.listing = listing;
    this.directory = directory;
    this.imports = imports;
    this.handover = handover;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  @GetMapping("/directory")
  String home() {
    return "redirect:/directory/places";
  }

  @GetMapping("/directory/{list:places|schools|groups}")
  String list(@PathVariable String list, @RequestParam(required = false) String q,
      @RequestParam(required = false) String kind, @RequestParam(defaultValue = "0") int page, Authentication user,
      Model model) {
    Viewer viewer = reader(user);
    DirectoryListing.Subject subject = DirectoryListing.Subject.valueOf(list.toUpperCase(Locale.ROOT));
    model.addAttribute("viewer", viewer);
    model.addAttribute("list", list);
    model.addAttribute("kinds", KINDS);
    model.addAttribute("q", q == null ? "" : q.trim());
    model.addAttribute("kind", kind == null ? "" : kind);
    model.addAttribute("result", listing.find(subject, q, kind, page, PAGE_SIZE));
    return "directory/list";
  }

  /** The list's file, for whoever reads the pages (the API's export asks for a password). */
  @GetMapping("/directory/{file:places|schools|groups|people}.csv")
  org.springframework.http.ResponseEntity<String> download(@PathVariable String file, Authentication user) {
    reader(user);
    DirectoryImport.Kind kind = DirectoryApi.kind(file + ".csv");
    return DirectoryApi.csv(kind, export.csv(kind));
  }

  @GetMapping("/directory/import")
  String importForm(Authentication user, Model model) {
    model.addAttribute("viewer", administrator(user));
    model.addAttribute("kinds", DirectoryImport.Kind.values());
    return "directory/import";
  }

  @PostMapping("/directory/import")
  String preview(@RequestParam String kind, @RequestParam("file") MultipartFile file, Authentication user,
      HttpSession session, Model model) throws IOException {
    Viewer viewer = administrator(user);
    model.addAttribute("viewer", viewer);
    model.addAttribute("kinds", DirectoryImport.Kind.values());
    DirectoryImport.Kind chosen = kind(kind);
    model.addAttribute("chosen", chosen);
    String csv = new String(file.getBytes(), StandardCharsets.UTF_8);
    session.removeAttribute(PENDING);
    try {
      DirectoryImport.Outcome outcome = imports.run(chosen, csv, false, user.getName());
      PendingImport pending = new PendingImport(chosen, csv, digest(csv), file.getOriginalFilename());
      session.setAttribute(PENDING, pending);
      model.addAttribute("outcome", outcome);
      model.addAttribute("pending", pending);
    } catch (InvalidInputException e) {
      model.addAttribute("errors", e.errors());
    }
    return "directory/import";
  }

  @PostMapping("/directory/import/apply")
  String apply(@RequestParam String digest, Authentication user, HttpSession session, Model model) {
    Viewer viewer = administrator(user);
    model.addAttribute("viewer", viewer);
    model.addAttribute("kinds", DirectoryImport.Kind.values());
    PendingImport pending = (PendingImport) session.getAttribute(PENDING);
    if (pending == null || !pending.digest().equals(digest)) {
      model.addAttribute("errors", List.of(new FieldError("file", Texts.both("setup.previewFirst"))));
      return "directory/import";
    }
    model.addAttribute("chosen", pending.kind());
    try {
      model.addAttribute("outcome", imports.run(pending.kind(), pending.csv(), true, user.getName()));
      session.removeAttribute(PENDING);
    } catch (InvalidInputException e) {
      // the directory changed since the preview: nothing was written
      model.addAttribute("errors", e.errors());
    }
    return "directory/import";
  }

  @GetMapping("/directory/groups/{code}")
  String group(@PathVariable String code, Authentication user, Model model) {
    Viewer viewer = reader(user);
    CommunityGroup group = directory.findGroup(code)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, Texts.both("people.noGroup", code)));
    model.addAttribute("viewer", viewer);
    model.addAttribute("group", group);
    model.addAttribute("location", directory.locate(code));
    model.addAttribute("facilitatorName", name(group.facilitatorId()));
    model.addAttribute("open", jdbc.sql("SELECT code, title, stage, facilitator_id FROM subproject"
        + " WHERE group_code = ? AND stage NOT IN (?, ?, ?, ?, ?) ORDER BY code")
        .params(code, CLOSED.get(0), CLOSED.get(1), CLOSED.get(2), CLOSED.get(3), CLOSED.get(4))
        .query((rs, i) -> new OpenSubproject(rs.getString(1), rs.getString(2),
            Texts.vietnamese("stage." + rs.getString(3)), rs.getString(4)))
        .list());
    model.addAttribute("facilitators", identity.createUserQuery().memberOfGroup(IdentityGroups.FACILITATORS)
        .orderByUserId().asc().list().stream().map(u -> new Person(u.getId(), fullName(u))).toList());
    return "directory/group";
  }

  @PostMapping("/directory/groups/{code}/facilitator")
  String handOver(@PathVariable String code, @RequestParam(required = false) String facilitatorId,
      Authentication user, RedirectAttributes redirect) {
    administrator(user);
    try {
      // flash attributes travel in the session, which is kept in the database: plain values only
      FacilitatorHandover.Moved moved = handover.handOver(code, facilitatorId, user.getName());
      redirect.addFlashAttribute("movedTo", moved.to());
      redirect.addFlashAttribute("movedSubprojects", moved.subprojects().size());
      redirect.addFlashAttribute("movedTasks", moved.tasks());
    } catch (InvalidInputException e) {
      redirect.addFlashAttribute("refusals", new java.util.ArrayList<>(e.errors().stream()
          .map(error -> error.field() + ": " + error.message()).toList()));
    } catch (NotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
    return "redirect:/directory/groups/" + code;
  }

  private String name(String userId) {
    if (userId == null) {
      return "";
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null ? userId : fullName(user);
  }

  private static String fullName(User user) {
    String name = ((user.getLastName() == null ? "" : user.getLastName()) + " "
        + (user.getFirstName() == null ? "" : user.getFirstName())).trim();
    return name.isEmpty() ? user.getId() : name;
  }

  /** DWC staff and administrators read the directory; anyone else finds no such page. */
  static Viewer reader(Authentication user) {
    Viewer viewer = Viewer.of(user);
    if (!viewer.isDwc() && !viewer.isAdministrator()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, Texts.both("access.dwcOnly"));
    }
    return viewer;
  }

  static Viewer administrator(Authentication user) {
    Viewer viewer = Viewer.of(user);
    if (!viewer.isAdministrator()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, Texts.both("setup.administratorsOnly"));
    }
    return viewer;
  }

  private static DirectoryImport.Kind kind(String name) {
    for (DirectoryImport.Kind kind : DirectoryImport.Kind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw new InvalidInputException(List.of(new FieldError("kind", Texts.both("setup.noSuchFile", name))));
  }

  private static String digest(String csv) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
