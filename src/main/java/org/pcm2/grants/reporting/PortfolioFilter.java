package org.pcm2.grants.reporting;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The filters every report of the portfolio takes from its URL, checked and named by
 * {@link PortfolioQuery#parse} (a wrong one is a 400 that names it).
 */
record PortfolioFilter(
    @Parameter(description = "Mã tỉnh / Province code") String province,
    @Parameter(description = "Mã huyện / District code") String district,
    @Parameter(description = "Mã xã / Commune code") String commune,
    @Parameter(description = "Quỹ / Fund", example = "CM") String fund,
    @Parameter(description = "Đợt cấp vốn / Funding cycle", example = "CM-2026-1") String cycle,
    @Parameter(description = "Lĩnh vực (GET /api/sectors) / Sector", example = "ROADS") String sector,
    @Parameter(description = "Ngày đầu, yyyy-MM-dd (giờ Việt Nam) / First day") String from,
    @Parameter(description = "Ngày cuối, yyyy-MM-dd, tính cả ngày này / Last day, included") String to) {

  /** The query of these filters, cut by {@code groupBy} (none: one line). */
  PortfolioQuery query(String groupBy) {
    return PortfolioQuery.parse(province, district, commune, fund, cycle, sector, from, to, groupBy);
  }
}
