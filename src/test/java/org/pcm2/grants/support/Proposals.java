package org.pcm2.grants.support;

import java.util.HashMap;
import java.util.Map;

/** Complete, valid proposals of the demo directory, for tests that need a running grant cycle. */
public final class Proposals {

  private Proposals() {
  }

  /**
   * The proposal with the minutes of its community meeting, a PDF held for its facilitator as
   * the start form's file chooser holds it, for a start through the Java API.
   */
  public static Map<String, Object> withMinutes(org.pcm2.grants.proposal.Attachments attachments,
      Map<String, Object> proposal, String facilitator) {
    Map<String, Object> v = new HashMap<>(proposal);
    v.put("minutesFiles", String.valueOf(attachments.hold("MINUTES", "bien-ban-hop.pdf", TestFiles.minutesPdf(),
        facilitator).id()));
    return v;
  }

  /** A proposal of a hamlet CBG (code CBG...) or a school's student group (code HS...). */
  public static Map<String, Object> valid(String groupCode, String title) {
    Map<String, Object> v = new HashMap<>();
    v.put("title", title);
    v.put("fundCode", "CM");
    v.put("cycleCode", "CM-2026-1");
    v.put("groupCode", groupCode);
    v.put("sectorCode", groupCode.startsWith("HS") ? "SCHOOL" : "ROADS");
    v.put("outputPlanned", groupCode.startsWith("HS") ? 22L : 300L);
    v.put("objectives", "Cải thiện điều kiện sinh hoạt cộng đồng");
    v.put("activities", "Họp dân, mua vật liệu, thi công, nghiệm thu");
    v.put("requestedGrant", 15_000_000L);
    v.put("contributionCash", 2_000_000L);
    v.put("contributionLabour", 2_000_000L);
    v.put("contributionMaterials", 0L);
    v.put("plannedStart", "2026-12-01");
    v.put("plannedEnd", "2027-04-30");
    v.put("beneficiariesWomen", 30L);
    v.put("beneficiariesMen", 28L);
    if (groupCode.startsWith("HS")) {
      v.put("coreTeacher", "Cô Nguyễn Thị Thu");
      v.put("studentsGirls", 12L);
      v.put("studentsBoys", 10L);
    }
    return v;
  }
}
