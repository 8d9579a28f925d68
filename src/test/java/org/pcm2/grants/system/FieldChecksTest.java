package org.pcm2.grants.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared input checks name the field and say what is wrong in both languages. */
class FieldChecksTest {

  @Test
  void fieldChecksNameTheFieldInBothLanguages() {
    List<FieldError> errors = new ArrayList<>();
    FieldChecks.amount(Map.of("approvedGrant", "1,5"), "approvedGrant", FieldChecks.Need.REQUIRED, errors);
    FieldChecks.count(Map.of("beneficiariesWomen", -1), "beneficiariesWomen", true, errors);
    FieldChecks.requiredText(Map.of("title", "x".repeat(201)), "title", 200, errors);
    FieldChecks.score(Map.of("scoreQuality", 6), "scoreQuality", errors);
    FieldChecks.requiredDate(Map.of(), "plannedStart", errors);
    assertThat(errors).extracting(FieldError::field)
        .containsExactly("approvedGrant", "beneficiariesWomen", "title", "scoreQuality", "plannedStart");
    assertThat(errors).extracting(FieldError::message).containsExactly(
        "phải là số đồng nguyên / must be a whole number of đồng",
        "phải từ 0 đến 1.000.000 / must be 0 to 1,000,000",
        "dài quá 200 ký tự / longer than 200 characters",
        "chấm từ 1 đến 5 / score 1 to 5",
        "bắt buộc / required");
  }
}
