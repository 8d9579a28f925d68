package org.pcm2.grants.proposal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess.Var;

/** A proposal as the API takes it; checked field by field by {@link ProposalValidator}. */
@Schema(description = "Đề xuất tiểu dự án / Sub-project proposal")
public record ProposalRequest(
    @Schema(example = "Bê tông hóa đường liên xóm Đồng Tâm") String title,
    @Schema(example = "CM", description = "CM hoặc/or INITIATIVE") String fundCode,
    @Schema(example = "CM-2026-1") String cycleCode,
    @Schema(example = "CBG0574001", description = "Nhóm cộng đồng CBG… hoặc nhóm học sinh HS… / CBG or student group")
    String groupCode,
    @Schema(example = "ROADS", description = "Lĩnh vực (GET /api/sectors) / Sector (GET /api/sectors)")
    String sectorCode,
    @Schema(example = "300", description = "Kết quả chính dự kiến, theo đơn vị của lĩnh vực (300 m đường) / "
        + "Planned main output, in the sector's unit (300 m of path)") Long outputPlanned,
    @Schema(example = "Đi lại an toàn mùa mưa cho 75 hộ") String objectives,
    @Schema(example = "Họp dân, mua vật liệu, thi công 300 m") String activities,
    @Schema(example = "Xi măng 12.000.000; cát đá 6.000.000; công thợ 2.000.000") String budgetLines,
    @Schema(example = "20000000", description = "VND, số nguyên / whole đồng") Long requestedGrant,
    @Schema(example = "3000000") Long contributionCash,
    @Schema(example = "2000000") Long contributionLabour,
    @Schema(example = "1000000") Long contributionMaterials,
    @Schema(example = "2026-12-01") LocalDate plannedStart,
    @Schema(example = "2027-05-31") LocalDate plannedEnd,
    @Schema(example = "40") Long beneficiariesWomen,
    @Schema(example = "35") Long beneficiariesMen,
    @Schema(example = "12") Long beneficiariesPoorHouseholds,
    @Schema(example = "20") Long beneficiariesEthnicMinority,
    @Schema(description = "Biên bản họp cộng đồng đã tải lên (POST /api/files, kind MINUTES) / "
        + "Minutes of the community meeting, uploaded first (POST /api/files, kind MINUTES)",
        example = "[12]") java.util.List<Long> minutesFiles,
    @Schema(example = "Họp thôn ngày 15/10/2026, lưu tại nhà văn hóa") String meetingMinutesNote,
    @Schema(description = "Chỉ nhóm học sinh / student groups only") String coreTeacher,
    Long studentsGirls,
    Long studentsBoys,
    @Schema(description = "Các hạng mục ngân sách; tổng bằng số tiền đề nghị / budget lines adding up to the requested grant")
    java.util.List<BudgetItem> budgetItems,
    // the checkbox the minutes files replaced: refused by name, never silently dropped
    @Schema(hidden = true) Object hasMeetingMinutes) {

  /** One budget line: what, and how much of the grant in whole đồng. */
  public record BudgetItem(@Schema(example = "Xi măng, cát, đá") String description,
      @Schema(example = "12000000") Long amount) {
  }

  /** What is wrong beyond each field's type: the old minutes checkbox, the budget lines if given. */
  public java.util.List<org.pcm2.grants.system.FieldError> inputErrors() {
    java.util.List<org.pcm2.grants.system.FieldError> errors = new java.util.ArrayList<>();
    if (hasMeetingMinutes != null) {
      errors.add(new org.pcm2.grants.system.FieldError("hasMeetingMinutes",
          org.pcm2.grants.texts.Texts.both("proposal.minutesCheckboxGone")));
    }
    if (budgetItems == null || budgetItems.isEmpty()) {
      return errors; // none given: a generated client sends an empty list for a list it was not given
    }
    if (budgetItems.size() > 100) {
      errors.add(new org.pcm2.grants.system.FieldError("budgetItems", org.pcm2.grants.texts.Texts.both("proposal.budgetLines")));
      return errors;
    }
    long total = 0;
    for (int i = 0; i < budgetItems.size(); i++) {
      BudgetItem item = budgetItems.get(i);
      String field = "budgetItems[" + i + "]";
      if (item == null || item.description() == null || item.description().isBlank()
          || item.description().length() > 200) {
        errors.add(new org.pcm2.grants.system.FieldError(field + ".description",
            org.pcm2.grants.texts.Texts.both("check.requiredAtMost", 200)));
      }
      if (item == null || item.amount() == null || item.amount() <= 0) {
        errors.add(new org.pcm2.grants.system.FieldError(field + ".amount", org.pcm2.grants.texts.Texts.both("check.positive")));
      } else {
        total += item.amount();
      }
    }
    if (errors.isEmpty() && requestedGrant != null && total != requestedGrant) {
      errors.add(new org.pcm2.grants.system.FieldError("budgetItems",
          org.pcm2.grants.texts.Texts.both("proposal.budgetTotal", org.pcm2.grants.system.Money.format(total),
              org.pcm2.grants.system.Money.format(requestedGrant), String.valueOf(total),
              String.valueOf(requestedGrant))));
    }
    return errors;
  }

  /** The process variables of the proposal (absent fields left out). */
  public Map<String, Object> toVariables() {
    Map<String, Object> v = new HashMap<>();
    put(v, Var.TITLE, title);
    put(v, Var.FUND_CODE, fundCode);
    put(v, Var.CYCLE_CODE, cycleCode);
    put(v, Var.GROUP_CODE, groupCode);
    put(v, Var.SECTOR_CODE, sectorCode);
    put(v, Var.OUTPUT_PLANNED, outputPlanned);
    put(v, Var.OBJECTIVES, objectives);
    put(v, Var.ACTIVITIES, activities);
    put(v, Var.BUDGET_LINES, budgetItems == null || budgetItems.isEmpty() ? budgetLines
        : String.join("\n", budgetItems.stream().filter(java.util.Objects::nonNull)
            .map(item -> item.description() + ": " + org.pcm2.grants.system.Money.format(
                item.amount() == null ? 0 : item.amount())).toList()));
    put(v, Var.REQUESTED_GRANT, requestedGrant);
    put(v, Var.CONTRIBUTION_CASH, contributionCash);
    put(v, Var.CONTRIBUTION_LABOUR, contributionLabour);
    put(v, Var.CONTRIBUTION_MATERIALS, contributionMaterials);
    put(v, Var.PLANNED_START, plannedStart == null ? null : plannedStart.toString());
    put(v, Var.PLANNED_END, plannedEnd == null ? null : plannedEnd.toString());
    put(v, Var.BENEFICIARIES_WOMEN, beneficiariesWomen);
    put(v, Var.BENEFICIARIES_MEN, beneficiariesMen);
    put(v, Var.BENEFICIARIES_POOR, beneficiariesPoorHouseholds);
    put(v, Var.BENEFICIARIES_ETHNIC_MINORITY, beneficiariesEthnicMinority);
    put(v, Var.MINUTES_FILES, minutesFiles == null || minutesFiles.isEmpty() ? null
        : minutesFiles.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
    put(v, Var.MEETING_MINUTES_NOTE, meetingMinutesNote);
    put(v, Var.CORE_TEACHER, coreTeacher);
    put(v, Var.STUDENTS_GIRLS, studentsGirls);
    put(v, Var.STUDENTS_BOYS, studentsBoys);
    return v;
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
