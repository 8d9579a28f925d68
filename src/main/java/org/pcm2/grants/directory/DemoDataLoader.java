package org.pcm2.grants.directory;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the programme's places, schools and groups and one demo user per role from
 * {@code demo/*.csv}. Idempotent: every row is added or brought up to date by its code, so
 * running it again changes nothing. Only in the {@code demo} profile.
 */
@Component
@Profile("demo")
@Order(0)
public class DemoDataLoader implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setDelimiter(';').setHeader().setSkipHeaderRecord(true).setTrim(true).get();

  private final DirectoryService directory;
  private final IdentityService identity;
  private final RoleGroups roleGroups;
  private final String demoPassword;

  DemoDataLoader(DirectoryService directory, IdentityService identity, RoleGroups roleGroups,
      @Value("${pcm.demo.password}") String demoPassword) {
    this.directory = directory;
    this.identity = identity;
    this.roleGroups = roleGroups;
    this.demoPassword = demoPassword;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    load();
  }

  /** Adds what is missing and updates what changed; safe to run any number of times. */
  @Transactional
  public void load() {
    for (CSVRecord row : read("demo/places.csv")) {
      String parent = row.get("parent");
      directory.savePlace(new Place(row.get("code"), parent.isEmpty() ? null : parent,
          PlaceKind.valueOf(row.get("kind")), row.get("name")));
    }
    for (CSVRecord row : read("demo/schools.csv")) {
      directory.saveSchool(new School(row.get("code"), row.get("commune"), row.get("name")));
    }
    for (CSVRecord row : read("demo/groups.csv")) {
      GroupKind kind = GroupKind.valueOf(row.get("kind"));
      String unit = row.get("unit");
      directory.saveGroup(new CommunityGroup(row.get("code"), kind, row.get("name"),
          kind == GroupKind.CBG ? unit : null, kind == GroupKind.STUDENT_GROUP ? unit : null,
          row.get("facilitator"), java.time.LocalDate.parse(row.get("formedOn")), Integer.valueOf(row.get("members")),
          Integer.valueOf(row.get("womenLeaders"))));
    }
    roleGroups.ensure();
    directory.communes().forEach(roleGroups::saveCommuneLeaders);
    for (CSVRecord row : read("demo/users.csv")) {
      saveUser(row);
    }
    DirectoryCounts counts = directory.counts();
    LOG.info("Demo data ready: {} places ({} communes, {} hamlets), {} schools, {} groups, {} users",
        counts.places(), counts.communes(), counts.hamlets(), counts.schools(), counts.groups(),
        identity.createUserQuery().count());
  }

  private void saveUser(CSVRecord row) {
    String id = row.get("id");
    User user = identity.createUserQuery().userId(id).singleResult();
    boolean changed = user == null
        || !row.get("firstName").equals(user.getFirstName())
        || !row.get("lastName").equals(user.getLastName())
        || !row.get("email").equals(user.getEmail());
    if (user == null) {
      user = identity.newUser(id);
      user.setPassword(demoPassword);
    }
    if (changed) {
      user.setFirstName(row.get("firstName"));
      user.setLastName(row.get("lastName"));
      user.setEmail(row.get("email"));
      identity.saveUser(user);
    }
    for (String groupId : row.get("groups").split("\\s+")) {
      boolean member = identity.createUserQuery().userId(id).memberOfGroup(groupId).count() > 0;
      if (!member) {
        identity.createMembership(id, groupId);
      }
    }
  }

  private static List<CSVRecord> read(String resource) {
    try (Reader reader = new InputStreamReader(new ClassPathResource(resource).getInputStream(),
        StandardCharsets.UTF_8)) {
      return FORMAT.parse(reader).getRecords();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read demo data " + resource, e);
    }
  }
}
