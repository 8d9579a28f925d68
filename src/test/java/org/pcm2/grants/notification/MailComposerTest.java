package org.pcm2.grants.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
}
