package org.pcm2.grants.award;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.system.Money;
import org.pcm2.grants.texts.Texts;

/**
 * The award selection as the Tasklist form edits it: one line per candidate,
 * {@code TDA-2026-05740-001 = 7.000.000 # B · 86,5 điểm · Xóm Đồng Tâm, Xã Hoàng Nông}.
 * The officer changes the amounts (0 = no award); what follows {@code #} is context.
 */
final class AwardSelectionText {

  private AwardSelectionText() {
  }

  /** One line per candidate, in rank order, with the given amounts. */
  static String format(List<Award> awards, Map<String, Long> amounts) {
    StringBuilder text = new StringBuilder();
    for (Award award : awards) {
      text.append(award.subprojectCode()).append(" = ")
          .append(Money.digits(amounts.getOrDefault(award.subprojectCode(), 0L)))
          .append("   # ").append(context(award)).append('\n');
    }
    return text.toString();
  }

  /** The candidates ranked, with everything the officer weighs, one per line. */
  static String candidateList(List<Award> awards) {
    StringBuilder text = new StringBuilder();
    for (Award award : awards) {
      text.append(award.rank()).append(". ").append(award.subprojectCode()).append(" – ").append(award.title())
          .append("\n   ").append(award.unitName()).append(", ").append(award.communeName())
          .append("\n   ").append(Texts.bracketed("award.score")).append(' ').append(score(award.evaluationScore()))
          .append(" · ").append(Texts.bracketed("award.womenReached")).append(' ').append(score(award.womenShare()))
          .append(" %")
          .append(" · ").append(Texts.bracketed("award.proposed")).append(' ').append(tier(award.proposedTier()))
          .append(' ')
          .append(Money.format(award.proposedAmount())).append('\n');
    }
    return text.toString();
  }

  /**
   * The amounts of the text, by sub-project code; every wrong line is named in one refusal.
   *
   * @param field the form field the errors name
   */
  static Map<String, Long> parse(String text, String field) {
    Map<String, Long> amounts = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (content.isEmpty()) {
        continue;
      }
      int equals = content.indexOf('=');
      if (equals < 0) {
        errors.add(new FieldError(field, Texts.both("award.lineForm", i + 1)));
        continue;
      }
      String code = content.substring(0, equals).trim().toUpperCase(Locale.ROOT);
      String amountText = content.substring(equals + 1).replaceAll("[\\s.,₫đ]", "");
      if (amounts.containsKey(code)) {
        errors.add(new FieldError(field, Texts.both("award.twice", code)));
        continue;
      }
      try {
        amounts.put(code, amountText.isEmpty() ? 0L : Long.parseLong(amountText));
      } catch (NumberFormatException e) {
        errors.add(new FieldError(field, Texts.both("award.notWholeAmount", code,
            content.substring(equals + 1).trim())));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return amounts;
  }

  private static String context(Award award) {
    return tier(award.proposedTier()) + " · " + Texts.vietnamese("award.points", score(award.evaluationScore())) + " · " + award.unitName() + ", "
        + award.communeName();
  }

  private static String tier(String tier) {
    return "NONE".equals(tier) ? Texts.bracketed("award.noTier") : Texts.bracketed("award.tier") + " " + tier;
  }

  private static String score(double value) {
    return String.format(Locale.forLanguageTag("vi"), "%.1f", value);
  }
}
