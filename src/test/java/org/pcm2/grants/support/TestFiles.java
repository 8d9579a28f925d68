package org.pcm2.grants.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Real files for tests: a PDF of meeting minutes, a photo with (or without) its camera's EXIF data. */
public final class TestFiles {

  private TestFiles() {
  }

  /** A small, valid PDF: the minutes of a hamlet meeting. */
  public static byte[] minutesPdf() {
    String pdf = """
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """;
    return pdf.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A JPEG photo without EXIF data. */
  public static byte[] photo() {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(90, 140, 60));
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A JPEG photo whose camera wrote when ("2026:11:12 10:15:00", its local time) and where
   * (degrees north and east) it was taken.
   */
  public static byte[] photo(String exifDateTime, double latitude, double longitude) {
    try {
      TiffOutputSet exif = new TiffOutputSet();
      TiffOutputDirectory camera = exif.getOrCreateExifDirectory();
      camera.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, exifDateTime);
      exif.setGpsInDegrees(longitude, latitude);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new ExifRewriter().updateExifMetadataLossless(photo(), out, exif);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
