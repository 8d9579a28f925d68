package org.pcm2.grants.notification;

import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes a notification as a mail, in the recipient's language (Vietnamese unless they
 * chose English): subject, plain text and HTML from the templates in
 * {@code templates/mail/} and the sentences in {@code mail/messages*.properties}.
 */
@Component
public class MailComposer {

  /** A composed mail. */
  public record Mail(String subject, String text, String html) {
  }

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
    Locale locale = "en".equals(recipient.language()) ? Locale.ENGLISH : Locale.forLanguageTag("vi");
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
