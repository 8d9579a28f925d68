package org.pcm2.grants.directory;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A DWC team: the provinces it is responsible for and its people, by role (the members of
 * its groups {@code dwcOfficers<Code>}, {@code dwcFinance<Code>}, {@code dwcDirectors<Code>}).
 */
@Schema(description = "Nhóm DWC phụ trách các tỉnh / A DWC team and the provinces it is responsible for")
public record DwcTeam(@Schema(example = "mekong") String code, @Schema(example = "Nhóm Đồng bằng") String name,
    @Schema(description = "Mã tỉnh / Province codes") List<String> provinces,
    @Schema(description = "Người của nhóm theo vai trò (mã nhóm Camunda → người) / The team's people by group")
    Map<String, List<String>> members) {
}
