package org.pcm2.grants.feedback;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.pcm2.grants.access.Viewer;
import org.pcm2.grants.directory.DirectoryService;
import org.pcm2.grants.directory.Place;
import org.pcm2.grants.system.NotFoundException;
import org.pcm2.grants.texts.PageTexts;
import org.pcm2.grants.texts.Texts;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What only the handlers of a piece of feedback read ({@link FeedbackHandlers}), linked from
 * the Tasklist's handling step: the whole piece with the sender's contact, and its photo with
 * the day and place it was taken. Anyone else, DWC included when the commune handles it, is
 * told there is no such feedback.
 */
@Controller
class FeedbackHandlerPages {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
      .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

  private final FeedbackHandlers handlers;
  private final FeedbackRepository feedback;
  private final FeedbackPhotos photos;
  private final DirectoryService directory;

  FeedbackHandlerPages(FeedbackHandlers handlers, FeedbackRepository feedback, FeedbackPhotos photos,
      DirectoryService directory) {
    this.handlers = handlers;
    this.feedback = feedback;
    this.photos = photos;
    this.directory = directory;
  }

  @GetMapping("/reports/feedback/{reference}")
  String piece(@PathVariable String reference, Authentication user, Model model, HttpServletResponse response) {
    String key = handled(reference, user);
    FeedbackRepository.Status status = feedback.status(key).orElseThrow();
    response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
    model.addAttribute("t", PageTexts.INSTANCE);
    model.addAttribute("status", status);
    model.addAttribute("contact", feedback.fullContact(key).orElse(null));
    model.addAttribute("commune", directory.findPlace(status.communeCode()).map(Place::name).orElse(""));
    model.addAttribute("category", FeedbackCategory.valueOf(status.category()).textKey());
    model.addAttribute("receivedAt", DAY.format(status.receivedAt()));
    FeedbackPhotos.Photo photo = photos.find(key).orElse(null);
    model.addAttribute("photo", photo);
    model.addAttribute("takenAt", photo == null || photo.takenAt() == null ? null : DAY.format(photo.takenAt()));
    return "feedback/handle";
  }

  @GetMapping("/reports/feedback/{reference}/photo")
  ResponseEntity<byte[]> photo(@PathVariable String reference, Authentication user) {
    FeedbackPhotos.Content photo = photos.content(handled(reference, user))
        .orElseThrow(() -> new NotFoundException(Texts.both("feedback.noPhoto")));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
        .cacheControl(CacheControl.noStore()).header("X-Content-Type-Options", "nosniff")
        .header("Content-Disposition", "inline").body(photo.bytes());
  }

  /** The reference, when this person handles it; otherwise there is no such feedback for them. */
  private String handled(String reference, Authentication user) {
    String key = reference.strip().toUpperCase(Locale.ROOT);
    if (!handlers.handles(key, Viewer.of(user).userId())) {
      throw new NotFoundException(Texts.both("feedback.notFound"));
    }
    return key;
  }
}
