package org.pcm2.grants.directory;

import org.pcm2.grants.texts.Texts;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and maintains the directory of places, schools and groups. */
@Service
public class DirectoryService {

  private final DirectoryRepository repository;

  DirectoryService(DirectoryRepository repository) {
    this.repository = repository;
  }

  public Optional<Place> findPlace(String code) {
    return repository.findPlace(code);
  }

  /**
   * The commune that answers today for a commune: itself, or the commune it was merged into
   * (through every later merger).
   */
  public String currentCommune(String communeCode) {
    String current = communeCode;
    for (int step = 0; step < 20; step++) {
      Optional<String> next = repository.mergedInto(current);
      if (next.isEmpty()) {
        return current;
      }
      current = next.get();
    }
    throw new IllegalStateException("Mergers of " + communeCode + " do not end");
  }

  /** Every commune merged into another, and the one it was merged into. */
  public java.util.Map<String, String> mergers() {
    return repository.mergers();
  }

  /** The communes merged into this one, directly or through an earlier merger. */
  public List<String> mergedInto(String communeCode) {
    return repository.mergedIntoIt(communeCode);
  }

  public List<Place> roots() {
    return repository.findRoots();
  }

  public List<Place> children(String parentCode) {
    return repository.findChildren(parentCode);
  }

  /** Every commune, wherever it hangs in the tree. */
  public List<Place> communes() {
    return repository.findByKind(PlaceKind.COMMUNE);
  }

  /** The place followed by its ancestors up to the root, nearest first. */
  public List<Place> pathToRoot(String code) {
    return repository.findSelfAndAncestors(code);
  }

  /** The commune a place lies in (the place itself when it is a commune). */
  public Optional<Place> communeOf(String placeCode) {
    return pathToRoot(placeCode).stream().filter(p -> p.kind() == PlaceKind.COMMUNE).findFirst();
  }

  public Optional<CommunityGroup> findGroup(String code) {
    return repository.findGroup(code);
  }

  /**
   * Where a group belongs: its hamlet or school and the commune of that unit.
   *
   * @throws UnknownCodeException when the group, its unit or its commune is missing
   */
  public GroupLocation locate(String groupCode) {
    CommunityGroup group = repository.findGroup(groupCode)
        .orElseThrow(() -> new UnknownCodeException("groupCode", groupCode));
    if (group.kind() == GroupKind.CBG) {
      Place hamlet = repository.findPlace(group.hamletCode())
          .orElseThrow(() -> new UnknownCodeException("hamletCode", group.hamletCode()));
      Place commune = communeOf(hamlet.code())
          .orElseThrow(() -> new UnknownCodeException("communeCode", hamlet.code()));
      return new GroupLocation(group, hamlet.code(), hamlet.name(), commune);
    }
    School school = repository.findSchool(group.schoolCode())
        .orElseThrow(() -> new UnknownCodeException("schoolCode", group.schoolCode()));
    Place commune = communeOf(school.communeCode())
        .orElseThrow(() -> new UnknownCodeException("communeCode", school.communeCode()));
    return new GroupLocation(group, school.code(), school.name(), commune);
  }

  public DirectoryCounts counts() {
    return repository.counts();
  }

  /** Every place, by code. */
  public List<Place> allPlaces() {
    return repository.allPlaces();
  }

  /** Every school, by code. */
  public List<School> allSchools() {
    return repository.allSchools();
  }

  /** Every community and student group, by code. */
  public List<CommunityGroup> allGroups() {
    return repository.allGroups();
  }

  /** Adds or updates a place; its parent must exist already. */
  @Transactional
  public void savePlace(Place place) {
    requireCode("code", place.code());
    if (place.parentCode() != null && repository.findPlace(place.parentCode()).isEmpty()) {
      throw new UnknownCodeException("parentCode", place.parentCode());
    }
    repository.savePlace(place);
  }

  @Transactional
  public void saveSchool(School school) {
    requireCode("code", school.code());
    Place commune = repository.findPlace(school.communeCode())
        .filter(p -> p.kind() == PlaceKind.COMMUNE)
        .orElseThrow(() -> new UnknownCodeException("communeCode", school.communeCode()));
    repository.saveSchool(new School(school.code(), commune.code(), school.name()));
  }

  @Transactional
  public void saveGroup(CommunityGroup group) {
    requireCode("code", group.code());
    if (group.kind() == GroupKind.CBG) {
      repository.findPlace(group.hamletCode()).filter(p -> p.kind() == PlaceKind.HAMLET)
          .orElseThrow(() -> new UnknownCodeException("hamletCode", group.hamletCode()));
    } else {
      repository.findSchool(group.schoolCode())
          .orElseThrow(() -> new UnknownCodeException("schoolCode", group.schoolCode()));
    }
    repository.saveGroup(group);
  }

  /** Many places at once, as an import has checked them (codes, kinds, parents before children). */
  @Transactional
  public void importPlaces(List<Place> created, List<Place> changed) {
    repository.savePlaces(created, changed);
  }

  /** Many schools at once, as an import has checked them. */
  @Transactional
  public void importSchools(List<School> created, List<School> changed) {
    repository.saveSchools(created, changed);
  }

  /** Many groups at once, as an import has checked them. */
  @Transactional
  public void importGroups(List<CommunityGroup> created, List<CommunityGroup> changed) {
    repository.saveGroups(created, changed);
  }

  /** Codes become parts of Camunda group ids, so they are letters and digits only. */
  private static void requireCode(String field, String code) {
    if (code == null || !code.matches("[A-Za-z0-9]{1,20}")) {
      throw new IllegalArgumentException(Texts.both("directory.codeForm", field, code));
    }
  }
}
