package org.pcm2.grants.setup;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.people.PeopleQueries;
import org.pcm2.grants.people.PersonDeactivation;
import org.pcm2.grants.people.PersonRegistration;
import org.pcm2.grants.people.PersonRole;
import org.pcm2.grants.system.ConflictException;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The programme's people on the directory's pages ({@code /directory/people}): DWC staff and
 * administrators search and page through them; administrators add a person (who is mailed a
 * link to choose their password), send a fresh invitation and deactivate a person after a
 * page that says what that does. Writes go through the same services as {@code /api/people}
 * ({@link PersonRegistration}, {@link PersonDeactivation}), so the page refuses what the API
 * refuses, each wrong field named beside its input.
 */
@Controller
class PeoplePages {

  private final PeopleQueries people;
  private final PersonRegistration registration;
  private final PersonDeactivation deactivation;
  private final DirectoryService directory;

  PeoplePages(PeopleQueries people, PersonRegistration registration, PersonDeactivation deactivation,
      DirectoryService directory) {
    this.people = people;
    this.registration = registration;
    this.deactivation = deactivation;
    this.directory = directory;
  }

  @GetMapping("/directory/people")
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String role,
      @RequestParam(defaultValue = "0") int page, Authentication user, Model model) {
    Viewer viewer = DirectoryPages.reader(user);
    show(model, viewer, q, role, page);
    model.addAttribute("form", new PersonRegistration.NewPerson("", "", "", "", "", ""));
    model.addAttribute("fieldErrors", Map.of());
    return "directory/people";
  }

  @PostMapping("/directory/people")
  String add(@RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String firstName,
      @RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String commune,
      Authentication user, Model model, RedirectAttributes redirect, HttpServletResponse response) {
    Viewer viewer = DirectoryPages.administrator(user);
    PersonRegistration.NewPerson form = new PersonRegistration.NewPerson(id, firstName, lastName, email, role,
        commune);
    Map<String, String> fieldErrors = new LinkedHashMap<>();
    try {
      PeopleQueries.Person added = registration.register(form, user.getName());
      redirect.addFlashAttribute("added", added.id());
      redirect.addFlashAttribute("addedEmail", added.email());
      return "redirect:" + search(added.id());
    } catch (InvalidInputException e) {
      for (FieldError error : e.errors()) {
        fieldErrors.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    } catch (ConflictException e) {
      fieldErrors.put("id", e.getMessage());
      response.setStatus(HttpStatus.CONFLICT.value());
    }
    show(model, viewer, null, null, 0);
    model.addAttribute("form", form);
    model.addAttribute("fieldErrors", fieldErrors);
    return "directory/people";
  }

  @PostMapping("/directory/people/{id}/invitation")
  String reinvite(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
    DirectoryPages.administrator(user);
    try {
      PersonRegistration.Invitation invitation = registration.reinvite(id, user.getName());
      redirect.addFlashAttribute("invited", invitation.userId());
      redirect.addFlashAttribute("invitedEmail", invitation.email());
    } catch (ConflictException e) {
      redirect.addFlashAttribute("refusal", e.getMessage());
    } catch (NotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
    return "redirect:" + search(id);
  }

  /** The step before a deactivation: what it does, and the groups to hand over first. */
  @GetMapping("/directory/people/{id}/deactivate")
  String confirmDeactivation(@PathVariable String id, Authentication user, Model model) {
    Viewer viewer = DirectoryPages.administrator(user);
    showPerson(model, viewer, id);
    return "directory/deactivate";
  }

  @PostMapping("/directory/people/{id}/deactivate")
  String deactivate(@PathVariable String id, Authentication user, Model model, RedirectAttributes redirect,
      HttpServletResponse response) {
    Viewer viewer = DirectoryPages.administrator(user);
    try {
      PersonDeactivation.Deactivated done = deactivation.deactivate(id, user.getName());
      redirect.addFlashAttribute("deactivated", done.userId());
      redirect.addFlashAttribute("stepsReturned", done.stepsReturned());
      return "redirect:" + search(id);
    } catch (ConflictException e) {
      response.setStatus(HttpStatus.CONFLICT.value());
      model.addAttribute("refusal", e.getMessage());
    } catch (NotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
    showPerson(model, viewer, id);
    return "directory/deactivate";
  }

  private void show(Model model, Viewer viewer, String q, String role, int page) {
    PersonRole asked = role == null || role.isBlank() ? null : PersonRole.named(role.trim()).orElse(null);
    model.addAttribute("viewer", viewer);
    model.addAttribute("q", q == null ? "" : q.trim());
    model.addAttribute("role", asked == null ? "" : asked.name());
    model.addAttribute("roles", roleNames(List.of(PersonRole.values())));
    model.addAttribute("givenRoles", roleNames(PersonRole.GIVEN));
    PeopleQueries.Page found = people.search(q, asked, Math.max(page, 0), DirectoryPages.PAGE_SIZE);
    model.addAttribute("result", found);
    model.addAttribute("pages", Math.max(1, (found.total() + found.size() - 1) / found.size()));
  }

  private void showPerson(Model model, Viewer viewer, String id) {
    PeopleQueries.Person person = people.find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, Texts.both("people.noPerson", id)));
    model.addAttribute("viewer", viewer);
    model.addAttribute("person", person);
    model.addAttribute("roles", roleNames(List.of(PersonRole.values())));
    model.addAttribute("served", directory.allGroups().stream().filter(g -> id.equals(g.facilitatorId()))
        .map(CommunityGroup::code).sorted().toList());
  }

  /** Each role as the pages name it, Vietnamese then English. */
  private static Map<String, String> roleNames(List<PersonRole> roles) {
    Map<String, String> names = new LinkedHashMap<>();
    roles.forEach(role -> names.put(role.name(), Texts.both("role." + role.group())));
    return names;
  }

  private static String search(String id) {
    return UriComponentsBuilder.fromPath("/directory/people").queryParam("q", id).build().encode().toUriString();
  }
}
