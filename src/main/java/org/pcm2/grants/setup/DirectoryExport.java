package org.pcm2.grants.setup;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.School;
import org.pcm2.grants.people.PeopleFile;
import org.springframework.stereotype.Component;

/** The directory written back in the columns {@link DirectoryImport} takes, so an export imports again unchanged. */
@Component
class DirectoryExport {

  private final DirectoryService directory;
  private final PeopleFile people;

  DirectoryExport(DirectoryService directory, PeopleFile people) {
    this.directory = directory;
    this.people = people;
  }

  String csv(DirectoryImport.Kind kind) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\n")
        .setHeader(kind.allColumns().toArray(String[]::new)).get())) {
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
            csv.printRecord(g.code(), g.kind().name(), g.name(), g.unitCode(), g.facilitatorId(),
                g.formedOn() == null ? "" : g.formedOn(), g.members() == null ? "" : g.members(),
                g.womenLeaders() == null ? "" : g.womenLeaders());
          }
        }
        case PEOPLE -> {
          for (List<String> row : people.export()) {
            csv.printRecord(row);
          }
        }
        default -> throw new IllegalStateException(kind.name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
