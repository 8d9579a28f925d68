package org.pcm2.grants.people;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.PageTexts;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public account pages, for people who are not signed in ({@code access/AccountPagesSecurity}:
 * anonymous, CSRF-protected forms): choosing a password through a one-time link, and asking
 * for such a link when the password is forgotten. Vietnamese first, English second. A link
 * that does not work answers 410 (400 for one that never was a link) with a page saying why
 * and offering a new link; never a 500.
 */
@Controller
class AccountPages {

  private static final PageTexts TEXTS = PageTexts.INSTANCE;

  private final PasswordChoice choice;
  private final ForgottenPassword forgotten;
  private final PasswordPolicies policies;
  private final PasswordLinks links;
  private final AddressLimit addressLimit;

  AccountPages(PasswordChoice choice, ForgottenPassword forgotten, PasswordPolicies policies, PasswordLinks links,
      AddressLimit addressLimit) {
    this.choice = choice;
    this.forgotten = forgotten;
    this.policies = policies;
    this.links = links;
    this.addressLimit = addressLimit;
  }

  @GetMapping("/account/password")
  String passwordForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
    try {
      String userId = choice.personOf(token);
      return passwordPage(model, token, userId, List.of());
    } catch (PasswordChoice.UnusableLink e) {
      return unusable(e.state(), model, response);
    }
  }

  @PostMapping("/account/password")
  String choosePassword(@RequestParam(required = false) String token,
      @RequestParam(required = false) String password, @RequestParam(required = false) String repeat, Model model,
      HttpServletResponse response) {
    try {
      String userId = choice.choose(token, password, repeat);
      model.addAttribute("t", TEXTS);
      model.addAttribute("user", userId);
      return "account/done";
    } catch (PasswordChoice.UnusableLink e) {
      return unusable(e.state(), model, response);
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return passwordPage(model, token, links.find(token).userId(), e.errors());
    }
  }

  @GetMapping("/account/forgotten")
  String forgottenForm(Model model) {
    return forgottenPage(model, "", List.of());
  }

  @PostMapping("/account/forgotten")
  String forgotten(@RequestParam(required = false) String who, Model model, HttpServletRequest request,
      HttpServletResponse response) {
    if (who == null || who.isBlank()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return forgottenPage(model, "", List.of(Texts.text("check.required")));
    }
    if (!addressLimit.allow(request.getRemoteAddr())) {
      response.setStatus(429);
      response.setHeader("Retry-After", Long.toString(AddressLimit.WINDOW.toSeconds()));
      return forgottenPage(model, who, List.of(Texts.text("account.tooManyRequests")));
    }
    forgotten.request(who);
    // the same page whether or not the account exists, and nothing of the request on it
    model.addAttribute("t", TEXTS);
    model.addAttribute("validMinutes", links.validFor(PasswordLinks.Purpose.RESET).toMinutes());
    model.addAttribute("intervalMinutes", forgotten.interval().toMinutes());
    return "account/forgotten-sent";
  }

  private String passwordPage(Model model, String token, String userId, List<FieldError> errors) {
    model.addAttribute("t", TEXTS);
    model.addAttribute("token", token);
    model.addAttribute("user", userId);
    model.addAttribute("rules", policies.rules());
    model.addAttribute("errors", errors);
    return "account/password";
  }

  private String forgottenPage(Model model, String who, List<Texts.Text> errors) {
    model.addAttribute("t", TEXTS);
    model.addAttribute("who", who);
    model.addAttribute("errors", errors);
    model.addAttribute("validMinutes", links.validFor(PasswordLinks.Purpose.RESET).toMinutes());
    return "account/forgotten";
  }

  /** 400 for a token that never was a link, 410 for one that no longer works; the page says why. */
  private static String unusable(PasswordLinks.State state, Model model, HttpServletResponse response) {
    response.setStatus(state == PasswordLinks.State.UNKNOWN ? HttpServletResponse.SC_BAD_REQUEST
        : HttpServletResponse.SC_GONE);
    model.addAttribute("t", TEXTS);
    model.addAttribute("reason", "account.link." + state.name());
    return "account/unusable";
  }
}
