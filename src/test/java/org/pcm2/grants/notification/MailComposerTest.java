package org.pcm2.grants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of mail has its subject and sentence in Vietnamese and in English. */
class MailComposerTest {

  private final MailComposer composer = new MailComposer();

  static Stream<String> kinds() {
    return Stream.concat(Stream.of("TASK_CREATED", "TASK_ASSIGNED"),
        Arrays.stream(NotificationKind.values()).map(Enum::name));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void eachKindIsWrittenInBothLanguages(String kind) {
    Map<String, String> fields = Map.of("code", "XT-CM-2026-1-01", "title", "Xét thưởng", "amount", "7.000.000 ₫");
    MailComposer.Mail vi = composer.compose(kind, new Recipient("leader1", "Nguyễn Văn Hùng", "a@b.vn", "vi"), fields);
    MailComposer.Mail en = composer.compose(kind, new Recipient("leader1", "Nguyen Van Hung", "a@b.vn", "en"), fields);

    assertThat(vi.subject()).startsWith("[PCM2]").contains("XT-CM-2026-1-01").isNotEqualTo(en.subject());
    assertThat(vi.text()).contains("Kính gửi Nguyễn Văn Hùng", "7.000.000 ₫").doesNotContain("??");
    assertThat(en.text()).contains("Dear Nguyen Van Hung").doesNotContain("??");
    assertThat(vi.html()).contains("XT-CM-2026-1-01");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void roundNoticesNameTheRoundNotASubproject(String kind) {
    boolean aboutRound = kind.startsWith("AWARD_ROUND");
    Map<String, String> fields = aboutRound ? Map.of("code", "XT-1", "round", "true") : Map.of("code", "TDA-1");
    MailComposer.Mail vi = composer.compose(kind, new Recipient("officer1", "Trần Thị Mai", "a@b.vn", "vi"), fields);
    assertThat(vi.text()).contains(aboutRound ? "Đợt xét thưởng: XT-1" : "Tiểu dự án: TDA-1");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aMailWrittenOnceForSeveralPeopleIsWhatEachWouldHaveAlone(String kind) {
    Map<String, String> fields = Map.of("code", "TDA-1", "title", "Đường <bê tông> & \"mương\"", "task",
        "Xét duyệt", "amount", "7.000.000 ₫", "note", "PcmRecipientName7f3a");
    List<Recipient> people = List.of(new Recipient("leader1", "Nguyễn Văn Hùng", "a@b.vn", "vi"),
        new Recipient("leader2", "O'Brien & <Lê> \"Thị\"", "b@b.vn", "vi"),
        new Recipient("officer1", "Tran Thi Mai", "c@b.vn", "en"), new Recipient("officer2", null, "d@b.vn", null),
        new Recipient("officer3", "Phạm $1 \\0 Đức", "e@b.vn", "en"));

    List<MailComposer.Mail> together = composer.composeAll(kind, people, fields);

    assertThat(together).hasSize(people.size());
    for (int i = 0; i < people.size(); i++) {
      assertThat(together.get(i)).as(people.get(i).userId()).isEqualTo(composer.compose(kind, people.get(i), fields));
    }
    assertThat(together.get(1).html()).contains("O&#39;Brien &amp; &lt;Lê&gt; &quot;Thị&quot;");
  }

  @Test
  void aFieldHoldingTheNamePlaceholderHasEachMailWrittenAlone() {
    Map<String, String> fields = Map.of("code", "TDA-1", "title", "Giếng nước", "note", "PcmRecipientName7f3a9c");
    List<Recipient> people = List.of(new Recipient("leader1", "Hùng", "a@b.vn", "vi"),
        new Recipient("leader2", "Lan", "b@b.vn", "vi"));

    List<MailComposer.Mail> together = composer.composeAll("TASK_CREATED", people, fields);

    // the field is kept as it was written, for each person
    assertThat(together.get(0).text()).contains("Kính gửi Hùng", "PcmRecipientName7f3a9c").doesNotContain("Lan");
    assertThat(together.get(1).text()).contains("Kính gửi Lan", "PcmRecipientName7f3a9c").doesNotContain("Hùng");
    assertThat(together.get(1)).isEqualTo(composer.compose("TASK_CREATED", people.get(1), fields));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ACCOUNT_INVITATION", "ACCOUNT_RESET"})
  void anAccountMailIsWrittenInVietnameseThenEnglishWithItsLinkAndNoPassword(String kind) {
    String link = "https://grants.example.org/account/password?token=abc_DEF-123";
    MailComposer.Mail mail = composer.composeAccount(kind, new Recipient("leader9", "Nguyễn Thị Thảo", "a@b.vn", "en"),
        "leader9", link, "08:00 08/03/2026 (GMT+7)", "https://grants.example.org/camunda/app/tasklist/");

    assertThat(mail.subject()).startsWith("[PCM2] ").contains("leader9").contains(" / ");
    assertThat(mail.text()).contains(link, "leader9", "08:00 08/03/2026", "Kính gửi Nguyễn Thị Thảo",
        "Dear Nguyễn Thị Thảo", "Tên đăng nhập", "User id", "một lần", "works once").doesNotContain("??");
    assertThat(mail.text().indexOf("Kính gửi")).isLessThan(mail.text().indexOf("Dear"));
    assertThat(mail.html()).contains("href=\"" + link + "\"").contains("lang=\"vi\"").contains("lang=\"en\"");
    assertThat(mail.text().contains("bỏ qua thư này")).isEqualTo(kind.equals("ACCOUNT_RESET"));
  }
}
