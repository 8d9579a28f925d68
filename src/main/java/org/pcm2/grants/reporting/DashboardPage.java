package org.pcm2.grants.reporting;

import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.grantcycle.Stage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcm2.grants.directory.UnknownCodeException;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.ForbiddenException;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.pcm2.grants.dialogue.DialogueMeetings;
import org.pcm2.grants.feedback.FeedbackReport;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard page ({@code /reports/portfolio}): the portfolio report with its filters,
 * a table, charts (Chart.js, served by the application) and a CSV download, in Vietnamese,
 * printable. DWC staff see every commune, a commune leader their own.
 */
@Controller
class DashboardPage {

  /** An option of a filter's list. */
  record Option(String code, String name) {
  }

  private final PortfolioReport report;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final FeedbackReport feedback;
  private final DialogueMeetings dialogues;
  private final CostPerUnit costs;

  DashboardPage(PortfolioReport report, JdbcClient jdbc, ObjectMapper json, FeedbackReport feedback,
      DialogueMeetings dialogues, CostPerUnit costs) {
    this.report = report;
    this.costs = costs;
    this.jdbc = jdbc;
    this.json = json;
    this.feedback = feedback;
    this.dialogues = dialogues;
  }

  /** The outliers the page lists; the sheet of sub-projects has them all. */
  private static final int MAX_OUTLIERS_SHOWN = 20;

  @GetMapping("/reports/portfolio")
  String dashboard(PortfolioFilter filter, @RequestParam(required = false) String groupBy, Authentication user,
      Model model) throws JsonProcessingException {
    String province = filter.province();
    String district = filter.district();
    String commune = filter.commune();
    Viewer viewer = Viewer.of(user);
    List<FieldError> errors = new ArrayList<>();
    Portfolio portfolio = null;
    Portfolio bySector = null;
    List<CostPerUnit.Outlier> outliers = List.of();
    String cut = groupBy == null ? (viewer.isDwc() ? "province" : "fund") : groupBy;
    try {
      portfolio = report.report(viewer, filter.query(cut));
      // what was built and what it cost, sector by sector, whatever the cut above: units compare within a sector
      PortfolioQuery sectors = filter.query("sector");
      bySector = report.report(viewer, sectors);
      outliers = costs.outliers(viewer, sectors);
    } catch (InvalidInputException e) {
      errors.addAll(e.errors());
    } catch (UnknownCodeException e) {
      errors.add(new FieldError(e.field(), Texts.both("directory.unknownCode", e.code(), e.field())));
    } catch (ForbiddenException e) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, e.getMessage());
    }
    model.addAttribute("viewer", viewer);
    model.addAttribute("portfolio", portfolio);
    model.addAttribute("bySector", bySector);
    model.addAttribute("outliers", outliers.size() > MAX_OUTLIERS_SHOWN ? outliers.subList(0, MAX_OUTLIERS_SHOWN)
        : outliers);
    model.addAttribute("outlierCount", outliers.size());
    model.addAttribute("sectorData", bySector == null ? "{}" : json.writeValueAsString(bySector));
    if (portfolio != null && (viewer.isDwc() || viewer.isAdministrator() || !viewer.communes().isEmpty())) {
      // the community's voice beside the money: feedback answered and commitments kept, for the same places
      model.addAttribute("feedback", feedback.report(viewer, province, district, commune));
      model.addAttribute("dialogues", dialogues.counts(viewer, commune));
    }
    model.addAttribute("errors", errors);
    model.addAttribute("stages", Stage.values());
    model.addAttribute("dimensions", PortfolioQuery.Dimension.values());
    model.addAttribute("selected", Map.of("province", nz(province), "district", nz(district), "commune", nz(commune),
        "fund", nz(filter.fund()), "cycle", nz(filter.cycle()), "sector", nz(filter.sector()), "from", nz(filter.from()),
        "to", nz(filter.to()),
        "groupBy", cut));
    model.addAttribute("provinces", viewer.isDwc() ? places("PROVINCE", null) : List.of());
    model.addAttribute("districts", viewer.isDwc() && province != null && !province.isBlank()
        ? places("DISTRICT", province) : List.of());
    model.addAttribute("communes", viewer.isDwc()
        ? (district != null && !district.isBlank() ? places("COMMUNE", district) : List.of())
        : viewer.communes().stream().map(code -> new Option(code, name(code))).toList());
    model.addAttribute("funds", jdbc.sql("SELECT code, name FROM fund WHERE code <> 'REWARD' ORDER BY code")
        .query((rs, i) -> new Option(rs.getString(1), rs.getString(2))).list());
    model.addAttribute("sectors", jdbc.sql("SELECT code, name_vi || ' / ' || name_en FROM sector ORDER BY sort_order")
        .query((rs, i) -> new Option(rs.getString(1), rs.getString(2))).list());
    model.addAttribute("cycles", jdbc.sql("SELECT code, name FROM funding_cycle ORDER BY opens_on DESC, code")
        .query((rs, i) -> new Option(rs.getString(1), rs.getString(2))).list());
    Map<String, String> stageLabels = new java.util.LinkedHashMap<>();
    for (Stage stage : Stage.values()) {
      stageLabels.put(stage.name(), Texts.vietnamese("stage." + stage.name()));
    }
    model.addAttribute("stageLabels", json.writeValueAsString(stageLabels));
    model.addAttribute("chartData", portfolio == null ? "{}" : json.writeValueAsString(portfolio));
    return "reports/portfolio";
  }

  private List<Option> places(String kind, String parent) {
    String sql = parent == null ? "SELECT code, name FROM place WHERE kind = ? ORDER BY name"
        : "SELECT code, name FROM place WHERE kind = ? AND parent_code = ? ORDER BY name";
    Object[] params = parent == null ? new Object[] {kind} : new Object[] {kind, parent};
    return jdbc.sql(sql).params(params).query((rs, i) -> new Option(rs.getString(1), rs.getString(2))).list();
  }

  private String name(String code) {
    return jdbc.sql("SELECT name FROM place WHERE code = ?").param(code).query(String.class).optional().orElse(code);
  }

  private static String nz(String value) {
    return value == null ? "" : value.trim();
  }
}
