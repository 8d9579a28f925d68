package org.pcm2.grants.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;

/** The place tree and the location of groups, on the project's tables (H2, Flyway). */
@JdbcTest
@Import({DirectoryService.class, DirectoryRepository.class})
class DirectoryServiceTest {

  @Autowired
  private DirectoryService directory;

  @BeforeEach
  void tree() {
    // Before 2025: province > district > commune > hamlet
    directory.savePlace(new Place("19", null, PlaceKind.PROVINCE, "Tỉnh Thái Nguyên"));
    directory.savePlace(new Place("171", "19", PlaceKind.DISTRICT, "Huyện Đại Từ"));
    directory.savePlace(new Place("05740", "171", PlaceKind.COMMUNE, "Xã Hoàng Nông"));
    directory.savePlace(new Place("0574001", "05740", PlaceKind.HAMLET, "Xóm Đồng Tâm"));
    // Since 2025: province > commune > hamlet, no district
    directory.savePlace(new Place("45", null, PlaceKind.PROVINCE, "Tỉnh Quảng Trị"));
    directory.savePlace(new Place("19120", "45", PlaceKind.COMMUNE, "Xã Trường Sơn"));
    directory.savePlace(new Place("1912001", "19120", PlaceKind.HAMLET, "Bản Dốc Mây"));
    directory.saveSchool(new School("THCS05740", "05740", "Trường THCS Hoàng Nông"));
    directory.saveGroup(new CommunityGroup("CBG0574001", GroupKind.CBG, "Nhóm cộng đồng Xóm Đồng Tâm",
        "0574001", null, "facilitator1"));
    directory.saveGroup(new CommunityGroup("HS05740", GroupKind.STUDENT_GROUP, "Nhóm học sinh nòng cốt",
        null, "THCS05740", "facilitator1"));
    directory.saveGroup(new CommunityGroup("CBG1912001", GroupKind.CBG, "Nhóm cộng đồng Bản Dốc Mây",
        "1912001", null, "facilitator4"));
  }

  @Test
  void pathToRootWalksTreesOfAnyDepth() {
    assertThat(directory.pathToRoot("0574001")).extracting(Place::code)
        .containsExactly("0574001", "05740", "171", "19");
    assertThat(directory.pathToRoot("1912001")).extracting(Place::code)
        .containsExactly("1912001", "19120", "45");
  }

  @Test
  void hamletGroupIsLocatedInItsCommune() {
    GroupLocation location = directory.locate("CBG0574001");
    assertThat(location.unitName()).isEqualTo("Xóm Đồng Tâm");
    assertThat(location.commune().code()).isEqualTo("05740");
    assertThat(location.commune().name()).isEqualTo("Xã Hoàng Nông");
  }

  @Test
  void studentGroupIsLocatedInTheCommuneOfItsSchool() {
    GroupLocation location = directory.locate("HS05740");
    assertThat(location.unitCode()).isEqualTo("THCS05740");
    assertThat(location.commune().code()).isEqualTo("05740");
  }

  @Test
  void communeWithoutDistrictIsFound() {
    assertThat(directory.locate("CBG1912001").commune().name()).isEqualTo("Xã Trường Sơn");
  }

  @Test
  void unknownGroupNamesTheField() {
    assertThatThrownBy(() -> directory.locate("CBG9999999"))
        .isInstanceOf(UnknownCodeException.class)
        .satisfies(e -> assertThat(((UnknownCodeException) e).field()).isEqualTo("groupCode"));
  }

  @Test
  void schoolMustBelongToACommune() {
    assertThatThrownBy(() -> directory.saveSchool(new School("THCS1", "0574001", "Trường sai")))
        .isInstanceOf(UnknownCodeException.class)
        .hasMessageContaining("0574001");
  }

  @Test
  void codesAreLettersAndDigitsOnly() {
    assertThatThrownBy(() -> directory.savePlace(new Place("05-740", "171", PlaceKind.COMMUNE, "Xã X")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("05-740");
  }

  @Test
  void savingAgainUpdatesInPlace() {
    long before = directory.counts().places();
    directory.savePlace(new Place("05740", "171", PlaceKind.COMMUNE, "Xã Hoàng Nông (mới)"));
    assertThat(directory.counts().places()).isEqualTo(before);
    assertThat(directory.findPlace("05740")).get().extracting(Place::name).isEqualTo("Xã Hoàng Nông (mới)");
  }
}
