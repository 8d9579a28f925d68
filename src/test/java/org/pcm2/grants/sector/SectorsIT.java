package org.pcm2.grants.sector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.grantcycle.SubprojectGrantProcess;
import org.pcm2.grants.support.ApiClient;
import org.pcm2.grants.support.PostgresIntegrationTest;
import org.pcm2.grants.support.Proposals;
import org.pcm2.grants.support.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sectors DWC keeps: everyone signed in reads them, only a DWC officer adds or changes one,
 * a unit in use cannot change, and a retired sector takes no new proposal through any door,
 * while the proposal's sector and planned output reach the read model.
 */
class SectorsIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKETS = """
      {"nameVi":"Chợ nông thôn","nameEn":"Rural markets","unitVi":"điểm chợ","unitEn":"market places",
       "sortOrder":8,"active":%s}""";

  @LocalServerPort
  private int port;
  @Autowired
  private JdbcTemplate jdbc;

  @Test
  void onlyADwcOfficerKeepsTheSectorsAndARetiredOneTakesNoNewProposalThroughAnyDoor() throws Exception {
    JsonNode sectors = JSON.readTree(as("facilitator1").get("/api/sectors").body());
    assertThat(sectors.findValuesAsText("code")).startsWith("ROADS", "WATER", "SANITATION", "SCHOOL");
    assertThat(sectors.get(0).get("unitVi").asText()).isEqualTo("m đường");

    // the wrong people: nothing written, and the address looks as if it were not there
    for (String user : List.of("facilitator1", "leader1", "finance1")) {
      HttpResponse<String> refused = as(user).putJson("/api/sectors/MARKETS", MARKETS.formatted("true"));
      assertThat(refused.statusCode()).as(user).isEqualTo(404);
      assertThat(refused.body()).contains("Chỉ cán bộ chương trình DWC");
    }
    assertThat(count("MARKETS")).isZero();

    ApiClient officer = as("officer1");
    HttpResponse<String> empty = officer.putJson("/api/sectors/MARKETS", "{}");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(fields(empty)).containsExactly("nameVi", "nameEn", "unitVi", "unitEn", "sortOrder", "active");
    assertThat(fields(officer.putJson("/api/sectors/markets-1", MARKETS.formatted("true")))).containsExactly("code");
    assertThat(count("MARKETS")).isZero();

    HttpResponse<String> added = officer.putJson("/api/sectors/MARKETS", MARKETS.formatted("true"));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
    assertThat(JSON.readTree(added.body()).get("unitEn").asText()).isEqualTo("market places");

    Map<String, Object> proposal = new LinkedHashMap<>(Proposals.valid("CBG0574001", "Lều chợ phiên xóm Nà Mạ"));
    proposal.put("sectorCode", "MARKETS");
    proposal.put("outputPlanned", 2);
    ApiClient facilitator = as("facilitator1");
    HttpResponse<String> submitted = facilitator.submitProposal(JSON.writeValueAsString(proposal));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String code = JSON.readTree(submitted.body()).get("code").asText();
    assertThat(jdbc.queryForMap("SELECT sector_code, output_planned FROM subproject WHERE code = ?", code))
        .containsEntry("sector_code", "MARKETS").containsEntry("output_planned", 2L);

    // its unit is now what an output was recorded in: it cannot change; its names and its use can
    HttpResponse<String> newUnit = officer.putJson("/api/sectors/MARKETS",
        MARKETS.formatted("true").replace("điểm chợ", "ki-ốt"));
    assertThat(fields(newUnit)).containsExactly("unitVi");
    HttpResponse<String> retired = officer.putJson("/api/sectors/MARKETS", MARKETS.formatted("false"));
    assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
    assertThat(jdbc.queryForObject("SELECT unit_vi FROM sector WHERE code = 'MARKETS'", String.class))
        .isEqualTo("điểm chợ");

    long before = jdbc.queryForObject("SELECT COUNT(*) FROM subproject", Long.class);
    proposal.put("title", "Lều chợ phiên lần hai");
    HttpResponse<String> viaApi = facilitator.submitProposal(JSON.writeValueAsString(proposal));
    assertThat(fields(viaApi)).contains("sectorCode");
    HttpResponse<String> viaEngine = facilitator.postJson("/engine-rest/process-definition/key/"
        + SubprojectGrantProcess.KEY + "/start", JSON.writeValueAsString(Map.of("variables",
        WebappSession.typed(proposal))));
    assertThat(viaEngine.statusCode()).as(viaEngine.body()).isBetween(400, 499);
    assertThat(viaEngine.body()).contains("sectorCode");
    for (Object sector : new Object[] {null, "NOPE", "x".repeat(30)}) {
      Map<String, Object> other = new LinkedHashMap<>(proposal);
      other.put("sectorCode", sector);
      assertThat(fields(facilitator.submitProposal(JSON.writeValueAsString(other)))).as(String.valueOf(sector))
          .contains("sectorCode");
    }
    Map<String, Object> noOutput = new LinkedHashMap<>(proposal);
    noOutput.put("sectorCode", "ROADS");
    noOutput.put("outputPlanned", 0);
    assertThat(fields(facilitator.submitProposal(JSON.writeValueAsString(noOutput)))).contains("outputPlanned");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subproject", Long.class)).isEqualTo(before);
  }

  private ApiClient as(String user) {
    return new ApiClient("http://localhost:" + port, user, "demo");
  }

  private long count(String code) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM sector WHERE code = ?", Long.class, code);
  }

  private static List<String> fields(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    JSON.readTree(response.body()).get("errors").forEach(error -> fields.add(error.get("field").asText()));
    return fields;
  }
}
