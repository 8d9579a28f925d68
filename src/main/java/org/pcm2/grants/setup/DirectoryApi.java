package org.pcm2.grants.setup;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.School;
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
@Tag(name = "Danh mục / Directory")
class DirectoryApi {

  private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final DirectoryImport imports;
  private final DirectoryService directory;

  DirectoryApi(DirectoryImport imports, DirectoryService directory) {
    this.imports = imports;
    this.directory = directory;
  }

  @PostMapping(path = "/api/directory/{file}", consumes = "text/csv")
  @Operation(summary = "Nhập danh mục từ CSV: xem trước, rồi ?apply=true (quản trị DWC) / Import the directory"
      + " from CSV: preview, then ?apply=true (DWC administrators)")
  DirectoryImport.Outcome importFile(@PathVariable String file, @RequestBody(required = false) byte[] csv,
      @RequestParam(defaultValue = "false") boolean apply, Authentication user) {
    if (!Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("setup.administratorsOnly"));
    }
    // UTF-8 whatever charset the request names, as the export writes it (a BOM is dropped)
    return imports.run(kind(file), csv == null ? "" : new String(csv, java.nio.charset.StandardCharsets.UTF_8), apply,
        user.getName());
  }

  @GetMapping(path = "/api/directory/{file}")
  @Operation(summary = "Xuất danh mục ra CSV, cùng các cột khi nhập (DWC) / Export the directory as CSV, the"
      + " columns import takes (DWC)", responses = @ApiResponse(responseCode = "200",
          content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
  ResponseEntity<String> export(@PathVariable String file, Authentication user) {
    if (!Viewer.of(user).isDwc() && !Viewer.of(user).isAdministrator()) {
      throw new NotFoundException(Texts.both("access.dwcOnly"));
    }
    DirectoryImport.Kind kind = kind(file);
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\n")
        .setHeader(kind.columns.toArray(String[]::new)).get())) {
      switch (kind) {
        case PLACES -> {
          for (Place p : directory.allPlaces()) {
            csv.printRecord(p.code(), p.parentCode() == null ? "" : p.parentCode(), p.kind().name(), p.name());
          }
        }
        case SCHOOLS -> {
          for (School s : directory.allSchools()) {
            csv.printRecord(s.code(), s.communeCode(), s.name());
          }
        }
        case GROUPS -> {
          for (CommunityGroup g : directory.allGroups()) {
            csv.printRecord(g.code(), g.kind().name(), g.name(), g.unitCode(), g.facilitatorId());
          }
        }
        default -> throw new IllegalStateException(kind.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ResponseEntity.ok().contentType(CSV)
        .header("Content-Disposition", "attachment; filename=\"" + kind.file + "\"").body(out.toString());
  }

  private static DirectoryImport.Kind kind(String file) {
    for (DirectoryImport.Kind kind : DirectoryImport.Kind.values()) {
      if (kind.file.equals(file.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new NotFoundException(Texts.both("setup.noSuchFile", file));
  }
}
