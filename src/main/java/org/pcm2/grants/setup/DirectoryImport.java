package org.pcm2.grants.setup;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.pcm2.grants.directory.CommunityGroup;
import org.pcm2.grants.directory.DirectoryChanges;
import org.pcm2.grants.directory.DirectoryChanges.Subject;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.GroupKind;
import org.pcm2.grants.directory.IdentityGroups;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.directory.PlaceKind;
import org.pcm2.grants.directory.RoleGroups;
import org.pcm2.grants.directory.School;
import org.pcm2.grants.people.FacilitatorHandover;
import org.pcm2.grants.people.PeopleFile;
import org.pcm2.grants.system.FieldError;
import org.pcm2.grants.system.InvalidInputException;
import org.pcm2.grants.texts.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The programme's directory from CSV files, the columns of {@code demo/*.csv}: places, then
 * schools, then groups. A file is read whole and checked row by row before anything is
 * written; one bad row refuses the file, with every bad row named ({@code file:line:column}
 * and why, in Vietnamese and English). A preview says what would be created and changed and
 * writes nothing; applying writes it all in one transaction, each change in the directory's
 * change log. A row equal to what is there changes nothing, so a second import of the same
 * file is a no-op. A group whose facilitator changes is handed over with its open
 * sub-projects ({@link FacilitatorHandover}). The people file is checked and written by
 * {@link PeopleFile}, with the same preview, refusals and log.
 */
@Service
public class DirectoryImport {

  /** The files, in the order a programme imports them: a group's facilitator is a person already. */
  public enum Kind {
    PLACES("places.csv", List.of("code", "parent", "kind", "name")),
    SCHOOLS("schools.csv", List.of("code", "commune", "name")),
    PEOPLE(PeopleFile.FILE, PeopleFile.COLUMNS),
    GROUPS("groups.csv", List.of("code", "kind", "name", "unit", "facilitator"),
        List.of("formedOn", "members", "womenLeaders"));

    final String file;
    /** The columns a file must have. */
    final List<String> columns;
    /** Columns a file may leave out (files of earlier versions): what is there stays as it is. */
    final List<String> optional;

    Kind(String file, List<String> columns) {
      this(file, columns, List.of());
    }

    Kind(String file, List<String> columns, List<String> optional) {
      this.file = file;
      this.columns = columns;
      this.optional = optional;
    }

    /** Every column an export writes. */
    List<String> allColumns() {
      List<String> all = new ArrayList<>(columns);
      all.addAll(optional);
      return all;
    }

    /** The file's name, e.g. {@code places.csv}. */
    public String fileName() {
      return file;
    }
  }

  /** What an import does (or would do): codes created and changed, rows left as they were. */
  public record Outcome(Kind kind, boolean applied, List<String> created, List<String> changed, int unchanged) {
  }

  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader()
      .setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
  private static final String CODE = "[A-Za-z0-9]{1,20}";
  private static final int MAX_NAME = 200;

  private final DirectoryService directory;
  private final RoleGroups roleGroups;
  private final IdentityService identity;
  private final FacilitatorHandover handover;
  private final DirectoryChanges changes;
  private final PeopleFile people;

  public DirectoryImport(DirectoryService directory, RoleGroups roleGroups, IdentityService identity,
      FacilitatorHandover handover, DirectoryChanges changes, PeopleFile people) {
    this.people = people;
    this.directory = directory;
    this.roleGroups = roleGroups;
    this.identity = identity;
    this.handover = handover;
    this.changes = changes;
  }

  /** Checks the file and says what it would change ({@code apply} false), or changes it. */
  @Transactional
  public Outcome run(Kind kind, String csv, boolean apply, String actor) {
    List<FieldError> errors = new ArrayList<>();
    List<CSVRecord> rows = new ArrayList<>();
    for (CSVRecord row : parse(kind, csv)) {
      if (row.isConsistent()) {
        rows.add(row);
      } else {
        errors.add(new FieldError(kind.file + ":" + (row.getRecordNumber() + 1),
            Texts.both("setup.columnCount", row.size(), row.getParser().getHeaderNames().size())));
      }
    }
    return switch (kind) {
      case PLACES -> places(rows, errors, apply, actor);
      case SCHOOLS -> schools(rows, errors, apply, actor);
      case GROUPS -> groups(rows, errors, apply, actor);
      case PEOPLE -> people(rows, errors, apply, actor);
    };
  }

  private Outcome people(List<CSVRecord> rows, List<FieldError> errors, boolean apply, String actor) {
    PeopleFile.Result result = people.run(rows.stream().map(row -> new PeopleFile.Row(row.getRecordNumber() + 1,
        row.get("id"), row.get("firstName"), row.get("lastName"), row.get("email"), row.get("groups"))).toList(),
        errors, apply, actor);
    return new Outcome(Kind.PEOPLE, apply, result.created(), result.changed(), result.unchanged());
  }

  /** The file's rows; a file without the kind's header is refused naming the missing columns. */
  private static List<CSVRecord> parse(Kind kind, String csv) {
    try {
      var parser = FORMAT.parse(new StringReader(csv == null ? "" : csv.replace("\uFEFF", "")));
      List<String> secret = kind == Kind.PEOPLE ? parser.getHeaderNames().stream().filter(PeopleFile::forbidden)
          .toList() : List.of();
      if (!secret.isEmpty()) {
        throw new InvalidInputException(secret.stream().map(column -> new FieldError(kind.file + ":1:" + column,
            Texts.both("people.file.passwordColumn", column))).toList());
      }
      List<String> missing = kind.columns.stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
      if (!missing.isEmpty()) {
        throw new InvalidInputException(List.of(new FieldError(kind.file + ":1",
            Texts.both("setup.missingColumns", String.join(", ", missing)))));
      }
      return parser.getRecords();
    } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException e) {
      throw new InvalidInputException(List.of(new FieldError(kind.file, Texts.both("setup.unreadable",
          String.valueOf(e.getMessage())))));
    }
  }

  private Outcome places(List<CSVRecord> rows, List<FieldError> errors, boolean apply, String actor) {
    Map<String, Place> existing = byCode(directory.allPlaces(), Place::code);
    Map<String, Place> incoming = new HashMap<>();
    for (CSVRecord row : rows) {
      String code = code(Kind.PLACES, row, "code", errors);
      String parent = row.get("parent");
      PlaceKind kind = oneOf(Kind.PLACES, row, "kind", PlaceKind.class, errors);
      String name = name(Kind.PLACES, row, errors);
      if (code != null && incoming.containsKey(code)) {
        errors.add(error(Kind.PLACES, row, "code", Texts.both("setup.twice", code)));
      } else if (code != null && kind != null && name != null) {
        incoming.put(code, new Place(code, parent.isEmpty() ? null : parent, kind, name));
      }
    }
    for (CSVRecord row : rows) {
      String parent = row.get("parent");
      if (!parent.isEmpty() && !incoming.containsKey(parent) && !existing.containsKey(parent)) {
        errors.add(error(Kind.PLACES, row, "parent", Texts.both("setup.unknown", parent)));
      }
    }
    refuseIfAny(errors);
    // parents before children, whatever the file's order
    List<Place> ordered = new ArrayList<>();
    Set<String> placed = new java.util.HashSet<>(existing.keySet());
    List<Place> waiting = new ArrayList<>(incoming.values());
    waiting.sort(java.util.Comparator.comparing(Place::code));
    while (!waiting.isEmpty()) {
      List<Place> ready = new ArrayList<>();
      List<Place> later = new ArrayList<>();
      for (Place p : waiting) {
        boolean parentPlaced = p.parentCode() == null || placed.contains(p.parentCode()) && !p.parentCode().equals(p.code());
        (parentPlaced ? ready : later).add(p);
      }
      if (ready.isEmpty()) {
        throw new InvalidInputException(List.of(new FieldError(Kind.PLACES.file + ":parent",
            Texts.both("setup.parentLoop", waiting.get(0).code()))));
      }
      ready.forEach(p -> placed.add(p.code()));
      ordered.addAll(ready);
      waiting = later;
    }
    return write(Kind.PLACES, ordered, existing, Place::code, apply, actor, (created, changed) -> {
      directory.importPlaces(created, changed);
      java.util.stream.Stream.concat(created.stream(), changed.stream()).filter(p -> p.kind() == PlaceKind.COMMUNE)
          .forEach(roleGroups::saveCommuneLeaders);
    });
  }

  private Outcome schools(List<CSVRecord> rows, List<FieldError> errors, boolean apply, String actor) {
    Map<String, Place> places = byCode(directory.allPlaces(), Place::code);
    Map<String, School> existing = byCode(directory.allSchools(), School::code);
    Map<String, School> incoming = new java.util.LinkedHashMap<>();
    for (CSVRecord row : rows) {
      String code = code(Kind.SCHOOLS, row, "code", errors);
      String commune = row.get("commune");
      String name = name(Kind.SCHOOLS, row, errors);
      Place place = places.get(commune);
      if (place == null || place.kind() != PlaceKind.COMMUNE) {
        errors.add(error(Kind.SCHOOLS, row, "commune", Texts.both("setup.notCommune", commune)));
      } else if (code != null && incoming.containsKey(code)) {
        errors.add(error(Kind.SCHOOLS, row, "code", Texts.both("setup.twice", code)));
      } else if (code != null && name != null) {
        incoming.put(code, new School(code, commune, name));
      }
    }
    refuseIfAny(errors);
    return write(Kind.SCHOOLS, List.copyOf(incoming.values()), existing, School::code, apply, actor,
        directory::importSchools);
  }

  private Outcome groups(List<CSVRecord> rows, List<FieldError> errors, boolean apply, String actor) {
    Map<String, Place> places = byCode(directory.allPlaces(), Place::code);
    Map<String, School> schools = byCode(directory.allSchools(), School::code);
    Map<String, CommunityGroup> existing = byCode(directory.allGroups(), CommunityGroup::code);
    Map<String, CommunityGroup> incoming = new java.util.LinkedHashMap<>();
    Set<String> facilitators = new java.util.HashSet<>();
    identity.createUserQuery().memberOfGroup(IdentityGroups.FACILITATORS).list().forEach(u -> facilitators.add(u.getId()));
    for (CSVRecord row : rows) {
      String code = code(Kind.GROUPS, row, "code", errors);
      GroupKind kind = oneOf(Kind.GROUPS, row, "kind", GroupKind.class, errors);
      String name = name(Kind.GROUPS, row, errors);
      String unit = row.get("unit");
      String facilitator = row.get("facilitator");
      boolean unitKnown = kind == GroupKind.CBG
          ? places.containsKey(unit) && places.get(unit).kind() == PlaceKind.HAMLET
          : kind == GroupKind.STUDENT_GROUP && schools.containsKey(unit);
      if (kind != null && !unitKnown) {
        errors.add(error(Kind.GROUPS, row, "unit", Texts.both(kind == GroupKind.CBG ? "setup.notHamlet"
            : "setup.notSchool", unit)));
      }
      if (!facilitators.contains(facilitator)) {
        errors.add(error(Kind.GROUPS, row, "facilitator", Texts.both("people.notFacilitator", facilitator)));
      }
      if (code != null && incoming.containsKey(code)) {
        errors.add(error(Kind.GROUPS, row, "code", Texts.both("setup.twice", code)));
      }
      CommunityGroup before = code == null ? null : existing.get(code);
      java.time.LocalDate formedOn = row.isMapped("formedOn") ? date(row, "formedOn", errors)
          : before == null ? null : before.formedOn();
      Integer members = row.isMapped("members") ? count(row, "members", 1, errors)
          : before == null ? null : before.members();
      Integer womenLeaders = row.isMapped("womenLeaders") ? count(row, "womenLeaders", 0, errors)
          : before == null ? null : before.womenLeaders();
      if (members != null && womenLeaders != null && womenLeaders > members) {
        errors.add(error(Kind.GROUPS, row, "womenLeaders", Texts.both("setup.womenLeaders", womenLeaders, members)));
      }
      if (code != null && !incoming.containsKey(code) && kind != null && name != null && unitKnown
          && facilitators.contains(facilitator)) {
        incoming.put(code, new CommunityGroup(code, kind, name, kind == GroupKind.CBG ? unit : null,
            kind == GroupKind.STUDENT_GROUP ? unit : null, facilitator, formedOn, members, womenLeaders));
      }
    }
    refuseIfAny(errors);
    return write(Kind.GROUPS, List.copyOf(incoming.values()), existing, CommunityGroup::code, apply, actor,
        (created, changed) -> {
          // the rest of each row first, the old facilitator kept; then each changed facilitator
          // takes the group over with its open sub-projects
          List<CommunityGroup> handedOver = changed.stream()
              .filter(g -> !Objects.equals(existing.get(g.code()).facilitatorId(), g.facilitatorId())).toList();
          directory.importGroups(created, changed.stream()
              .map(g -> g.withFacilitator(existing.get(g.code()).facilitatorId())).toList());
          handedOver.forEach(g -> handover.handOver(g.code(), g.facilitatorId(), actor));
        });
  }

  /** Sorts the rows into created, changed and unchanged; writes and logs the first two when applying. */
  private <T> Outcome write(Kind kind, List<T> rows, Map<String, T> existing, Function<T, String> code,
      boolean apply, String actor, java.util.function.BiConsumer<List<T>, List<T>> save) {
    List<T> created = new ArrayList<>();
    List<T> changed = new ArrayList<>();
    List<DirectoryChanges.Change> log = new ArrayList<>();
    int unchanged = 0;
    for (T row : rows) {
      T before = existing.get(code.apply(row));
      if (row.equals(before)) {
        unchanged++;
        continue;
      }
      (before == null ? created : changed).add(row);
      log.add(new DirectoryChanges.Change(subject(kind), code.apply(row), "row", before == null ? null
          : before.toString(), row.toString(), "import"));
    }
    if (apply) {
      save.accept(created, changed);
      changes.recordAll(actor, log);
    }
    return new Outcome(kind, apply, created.stream().map(code).toList(), changed.stream().map(code).toList(),
        unchanged);
  }

  private static Subject subject(Kind kind) {
    return switch (kind) {
      case PLACES -> Subject.PLACE;
      case SCHOOLS -> Subject.SCHOOL;
      case GROUPS -> Subject.GROUP;
      case PEOPLE -> Subject.PERSON;
    };
  }

  private static <T> Map<String, T> byCode(List<T> rows, Function<T, String> code) {
    Map<String, T> map = new HashMap<>();
    rows.forEach(row -> map.put(code.apply(row), row));
    return map;
  }

  private static String code(Kind kind, CSVRecord row, String column, List<FieldError> errors) {
    String code = row.get(column);
    if (!code.matches(CODE)) {
      errors.add(error(kind, row, column, Texts.both("setup.code", code)));
      return null;
    }
    return code;
  }

  private static String name(Kind kind, CSVRecord row, List<FieldError> errors) {
    String name = row.get("name");
    if (name.isEmpty() || name.length() > MAX_NAME) {
      errors.add(error(kind, row, "name", Texts.both("check.requiredAtMost", MAX_NAME)));
      return null;
    }
    return name;
  }

  private static <E extends Enum<E>> E oneOf(Kind kind, CSVRecord row, String column, Class<E> values,
      List<FieldError> errors) {
    String value = row.get(column);
    for (E candidate : values.getEnumConstants()) {
      if (candidate.name().equals(value)) {
        return candidate;
      }
    }
    errors.add(error(kind, row, column, Texts.both("setup.oneOf", value,
        java.util.Arrays.toString(values.getEnumConstants()))));
    return null;
  }

  /** A date as {@code yyyy-mm-dd}, not after today; empty for unknown. */
  private static java.time.LocalDate date(CSVRecord row, String column, List<FieldError> errors) {
    String value = row.get(column);
    if (value.isEmpty()) {
      return null;
    }
    try {
      java.time.LocalDate date = java.time.LocalDate.parse(value);
      if (date.isAfter(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")))) {
        errors.add(error(Kind.GROUPS, row, column, Texts.both("setup.future", value)));
        return null;
      }
      return date;
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(error(Kind.GROUPS, row, column, Texts.both("setup.date", value)));
      return null;
    }
  }

  /** A whole number from {@code least} to 100,000; empty for unknown. */
  private static Integer count(CSVRecord row, String column, int least, List<FieldError> errors) {
    String value = row.get(column);
    if (value.isEmpty()) {
      return null;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= least && number <= 100_000) {
        return number;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    errors.add(error(Kind.GROUPS, row, column, Texts.both("setup.count", value, least)));
    return null;
  }

  /** An error named {@code file:line:column}; the header is line 1. */
  private static FieldError error(Kind kind, CSVRecord row, String column, String message) {
    return new FieldError(kind.file + ":" + (row.getRecordNumber() + 1) + ":" + column, message);
  }

  private static void refuseIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }
}
