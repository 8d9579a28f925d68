package org.pcm2.grants.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcm2.grants.support.TestFiles;
import org.pcm2.grants.system.InvalidInputException;

class PhotoMetadataTest {

  @Test
  void aPhotoKeepsWhenAndWhereItsCameraSaysItWasTaken() {
    PhotoMetadata read = PhotoMetadata.of(TestFiles.photo("2026:11:12 10:15:00", 21.028511, 105.854167));

    // the camera's local time, read as Vietnam's (UTC+7)
    assertThat(read.takenAt()).isEqualTo(Instant.parse("2026-11-12T03:15:00Z"));
    assertThat(read.latitude()).isCloseTo(21.028511, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(read.longitude()).isCloseTo(105.854167, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void aPhotoWithoutExifOrSomethingElseHasNone() {
    assertThat(PhotoMetadata.of(TestFiles.photo())).isEqualTo(PhotoMetadata.NONE);
    assertThat(PhotoMetadata.of(TestFiles.minutesPdf())).isEqualTo(PhotoMetadata.NONE);
    assertThat(PhotoMetadata.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2})).isEqualTo(PhotoMetadata.NONE);
  }

  @Test
  void aDateThatCannotBeTrueIsNotKept() {
    PhotoMetadata read = PhotoMetadata.of(TestFiles.photo("2099:01:01 00:00:00", 21.0, 105.0));
    assertThat(read.takenAt()).isNull();
    assertThat(read.latitude()).isEqualTo(21.0);
  }

  @Test
  void aFieldOfEvidenceNamesFilesByTheirNumbers() {
    assertThat(EvidenceFiles.ids("minutesFiles", "12, 13;14 12")).containsExactly(12L, 13L, 14L);
    assertThat(EvidenceFiles.ids("photoFiles", List.of(7, "8"))).containsExactly(7L, 8L);
    assertThat(EvidenceFiles.ids("photoFiles", 9L)).containsExactly(9L);
    assertThat(EvidenceFiles.ids("photoFiles", " ")).isEmpty();
    assertThatThrownBy(() -> EvidenceFiles.ids("photoFiles", "12, ảnh"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("photoFiles");
    assertThatThrownBy(() -> EvidenceFiles.ids("photoFiles", "-3"))
        .isInstanceOf(InvalidInputException.class);
  }
}
