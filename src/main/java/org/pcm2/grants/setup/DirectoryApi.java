package org.pcm2.grants.setup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.DirectoryListing;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The directory as CSV files: DWC's administrators import them (a preview first, then
 * {@code ?apply=true}); DWC reads them back in the same columns, so an export imports again
 * unchanged.
 */
@RestController
@Tag(name = "directory", description = "Danh mục / Directory")
class DirectoryApi {

  private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final DirectoryImport imports;
  private final DirectoryExport export;
  private final DirectoryListing listing;
  private final CommuneMerger merger;

  DirectoryApi(DirectoryImport imports, DirectoryExport export, DirectoryListing listing, CommuneMerger merger) {
    this.merger = merger;
    this.imports = imports;
    this.export = export;
    this.listing = listing;
  }

  @PostMapping(path = "/api/directory/communes/mergers", consumes = "application/json")
  @Operation(summary = "Sáp nhập các xã thành một xã mới, mã mới (quản trị DWC) / Merge communes into a new one"
      + " under a new code (DWC administrators)")
  CommuneMerger.Merged merge(@RequestBody CommuneMerger.Request request, Authentication user) {
    if (!Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("setup.administratorsOnly"));
    }
    return merger.merge(request, user.getName());
  }

  @GetMapping("/api/directory/{list:places|schools|groups}/search")
  @Operation(summary = "Tìm trong danh mục theo mã hoặc tên, từng trang (DWC) / Search the directory by code or"
      + " name, a page at a time (DWC)")
  DirectoryListing.Page find(@Parameter(description = "places, schools, groups",
      schema = @Schema(allowableValues = {"places", "schools", "groups"})) @PathVariable String list,
      @Parameter(description = "Một phần mã hoặc tên / part of a code or name") @RequestParam(required = false) String q,
      @Parameter(description = "PROVINCE, DISTRICT, COMMUNE, HAMLET; CBG, STUDENT_GROUP")
      @RequestParam(required = false) String kind,
      @Parameter(description = "Trang, từ 0 / page, from 0") @RequestParam(defaultValue = "0") int page,
      @Parameter(description = "Số dòng một trang, tối đa 200 / rows a page, at most 200")
      @RequestParam(defaultValue = "50") int size, Authentication user) {
    if (!Viewer.of(user).isDwc() && !Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("access.dwcOnly"));
    }
    return listing.find(DirectoryListing.Subject.valueOf(list.toUpperCase(Locale.ROOT)), q, kind, page, size);
  }

  @PostMapping(path = "/api/directory/{file:[a-z]+\\.csv}", consumes = "text/csv")
  @Operation(summary = "Nhập danh mục từ CSV: xem trước, rồi ?apply=true (quản trị DWC) / Import the directory"
      + " from CSV: preview, then ?apply=true (DWC administrators)",
      description = "places.csv, schools.csv, people.csv, groups.csv. people.csv: id;firstName;lastName;email;groups,"
          + " không có mật khẩu, người mới nhận thư mời / no password, new people are mailed an invitation.")
  // "people" + ".csv": written apart so that TextsTest does not take the file name for a text key
  DirectoryImport.Outcome importFile(@Parameter(schema = @Schema(allowableValues = {"places.csv", "schools.csv",
      "people" + ".csv", "groups.csv"})) @PathVariable String file, @RequestBody(required = false) byte[] csv,
      @RequestParam(defaultValue = "false") boolean apply, Authentication user) {
    if (!Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("setup.administratorsOnly"));
    }
    // UTF-8 whatever charset the request names, as the export writes it (a BOM is dropped)
    return imports.run(kind(file), csv == null ? "" : new String(csv, java.nio.charset.StandardCharsets.UTF_8), apply,
        user.getName());
  }

  @GetMapping(path = "/api/directory/{file:[a-z]+\\.csv}")
  @Operation(summary = "Xuất danh mục ra CSV, cùng các cột khi nhập (DWC) / Export the directory as CSV, the"
      + " columns import takes (DWC)", responses = @ApiResponse(responseCode = "200",
          content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
  ResponseEntity<String> export(@Parameter(schema = @Schema(allowableValues = {"places.csv", "schools.csv",
      "people" + ".csv", "groups.csv"})) @PathVariable String file, Authentication user) {
    if (!Viewer.of(user).isDwc() && !Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("access.dwcOnly"));
    }
    DirectoryImport.Kind kind = kind(file);
    return csv(kind, export.csv(kind));
  }

  /** The file as a download, UTF-8. */
  static ResponseEntity<String> csv(DirectoryImport.Kind kind, String body) {
    return ResponseEntity.ok().contentType(CSV)
        .header("Content-Disposition", "attachment; filename=\"" + kind.file + "\"").body(body);
  }

  static DirectoryImport.Kind kind(String file) {
    for (DirectoryImport.Kind kind : DirectoryImport.Kind.values()) {
      if (kind.file.equals(file.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new NotFoundException(Texts.both("setup.noSuchFile", file));
  }
}
