package org.pcm2.grants.proposal;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * When and where a photo was taken, as its camera wrote it (EXIF, read with
 * metadata-extractor): the original date and time, and the GPS position. A camera writes its
 * local time without a zone; the programme's photos are taken in Vietnam, so that time is read
 * as Vietnam's. A photo without them, or with values that cannot be true, has none.
 */
public record PhotoMetadata(Instant takenAt, Double latitude, Double longitude) {

  public static final PhotoMetadata NONE = new PhotoMetadata(null, null, null);
  private static final TimeZone VIETNAM = TimeZone.getTimeZone("Asia/Ho_Chi_Minh");

  public static PhotoMetadata of(byte[] image) {
    Metadata metadata;
    try {
      metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
    } catch (ImageProcessingException | IOException | RuntimeException | StackOverflowError unreadable) {
      // a photo whose metadata cannot be read is still a photo (a crafted file nesting its
      // directories without end overflows the reader's stack: the same)
      return NONE;
    }
    Instant taken = null;
    ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    Date original = exif == null ? null : exif.getDateOriginal(VIETNAM);
    if (original == null) {
      ExifIFD0Directory main = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
      original = main == null ? null : main.getDate(ExifIFD0Directory.TAG_DATETIME, VIETNAM);
    }
    if (original != null && original.toInstant().isBefore(Instant.now().plusSeconds(86_400))
        && original.toInstant().isAfter(Instant.parse("1990-01-01T00:00:00Z"))) {
      taken = original.toInstant();
    }
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    GeoLocation where = gps == null ? null : gps.getGeoLocation();
    if (where == null || where.isZero() || !Double.isFinite(where.getLatitude())
        || !Double.isFinite(where.getLongitude()) || Math.abs(where.getLatitude()) > 90
        || Math.abs(where.getLongitude()) > 180) {
      return new PhotoMetadata(taken, null, null);
    }
    return new PhotoMetadata(taken, round(where.getLatitude()), round(where.getLongitude()));
  }

  /** Six decimals: about ten centimetres, more than any phone's GPS knows. */
  private static double round(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }
}
