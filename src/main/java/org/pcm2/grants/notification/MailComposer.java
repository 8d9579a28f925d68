package org.pcm2.grants.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.unbescape.html.HtmlEscape;

/**
 * Writes a notification as a mail, in the recipient's language (Vietnamese unless they
 * chose English): subject, plain text and HTML from the templates in
 * {@code templates/mail/} and the sentences in {@code mail/messages*.properties}. A mail
 * about a person's account (an invitation, a password reset) is written in Vietnamese and
 * then in English, since the person has had no chance yet to choose their language.
 */
@Component
public class MailComposer {

  /** A composed mail. */
  public record Mail(String subject, String text, String html) {
  }

  /** The sentences of an account mail in one language. */
  public record Part(String lang, String greeting, String sentence, String userLabel, String linkLabel,
      String expiresLabel, String once, String ignore, String signIn) {
  }

  private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
  private static final String PREFIX = "[PCM2] ";
  /** Stands for the recipient's name in a mail written once for several people. */
  private static final String NAME_PLACE = "PcmRecipientName7f3a9c";

  private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
  private final TemplateEngine html;
  private final TemplateEngine text;

  public MailComposer() {
    messages.setBasename("mail/messages");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    html = engine(TemplateMode.HTML, ".html");
    text = engine(TemplateMode.TEXT, ".txt");
  }

  /**
   * @param fields code, title, task (name of the step), unit, commune, amount, due, link; absent ones are left out
   */
  public Mail compose(String kind, Recipient recipient, Map<String, String> fields) {
    Locale locale = locale(recipient);
    Object[] args = {fields.getOrDefault("code", ""), fields.getOrDefault("title", ""), fields.getOrDefault("task", "")};
    String subject = messages.getMessage(kind + ".subject", args, locale);
    Context context = new Context(locale);
    fields.forEach(context::setVariable);
    context.setVariable("name", recipient.name());
    context.setVariable("lang", locale.getLanguage());
    context.setVariable("subject", subject);
    context.setVariable("sentence", messages.getMessage(kind + ".text", args, locale));
    return new Mail(subject, text.process("notification", context), html.process("notification", context));
  }

  /**
   * The same notification to several people, in the order given: written once for each
   * language and then addressed to each person (their name in the greeting), which is what
   * {@link #compose} would write for each of them alone. Where the name's place cannot be
   * told apart (a field that happens to hold the placeholder), each mail is written alone.
   */
  public List<Mail> composeAll(String kind, List<Recipient> recipients, Map<String, String> fields) {
    Map<Locale, Mail> byLanguage = new HashMap<>();
    List<Mail> mails = new ArrayList<>(recipients.size());
    for (Recipient recipient : recipients) {
      Mail shared = byLanguage.computeIfAbsent(locale(recipient),
          language -> compose(kind, new Recipient(null, NAME_PLACE, null, recipient.language()), fields));
      mails.add(addressed(shared, recipient).orElseGet(() -> compose(kind, recipient, fields)));
    }
    return mails;
  }

  /** The shared mail greeting this person, if the name's one place in each body is known. */
  private static Optional<Mail> addressed(Mail shared, Recipient recipient) {
    if (count(shared.text(), NAME_PLACE) != 1 || count(shared.html(), NAME_PLACE) != 1
        || shared.subject().contains(NAME_PLACE)) {
      return Optional.empty();
    }
    String name = String.valueOf(recipient.name()); // as the template writes it
    return Optional.of(new Mail(shared.subject(), shared.text().replace(NAME_PLACE, name),
        shared.html().replace(NAME_PLACE, HtmlEscape.escapeHtml4Xml(name))));
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /** The language a person reads their mail in: Vietnamese unless they chose English. */
  private static Locale locale(Recipient recipient) {
    return "en".equals(recipient.language()) ? Locale.ENGLISH : VIETNAMESE;
  }

  /**
   * An account mail ({@code ACCOUNT_INVITATION}, {@code ACCOUNT_RESET}), Vietnamese first, then
   * English.
   *
   * @param user the person's user id, to sign in with
   * @param link the link to choose a password
   * @param expires when the link stops working, as the person reads it
   * @param tasklist where to sign in afterwards
   */
  public Mail composeAccount(String kind, Recipient recipient, String user, String link, String expires,
      String tasklist) {
    List<Part> parts = List.of(part(kind, recipient, VIETNAMESE), part(kind, recipient, Locale.ENGLISH));
    String english = messages.getMessage(kind + ".subject", new Object[] {user}, Locale.ENGLISH);
    String subject = messages.getMessage(kind + ".subject", new Object[] {user}, VIETNAMESE) + " / "
        + (english.startsWith(PREFIX) ? english.substring(PREFIX.length()) : english);
    Context context = new Context(VIETNAMESE);
    context.setVariable("subject", subject);
    context.setVariable("parts", parts);
    context.setVariable("user", user);
    context.setVariable("link", link);
    context.setVariable("expires", expires);
    context.setVariable("tasklist", tasklist);
    context.setVariable("footer", messages.getMessage("footer", null, VIETNAMESE) + " / "
        + messages.getMessage("footer", null, Locale.ENGLISH));
    return new Mail(subject, text.process("account", context), html.process("account", context));
  }

  private Part part(String kind, Recipient recipient, Locale locale) {
    return new Part(locale.getLanguage(), messages.getMessage("greeting", new Object[] {recipient.name()}, locale),
        messages.getMessage(kind + ".text", null, locale), messages.getMessage("label.user", null, locale),
        messages.getMessage("label.choosePassword", null, locale), messages.getMessage("label.expires", null, locale),
        messages.getMessage("label.once", null, locale), messages.getMessage(kind + ".ignore", null, null, locale),
        messages.getMessage("label.signIn", null, locale));
  }

  private TemplateEngine engine(TemplateMode mode, String suffix) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(messages);
    return engine;
  }
}
