package vent.provider.post.domain;

import dev.vent.post.v1.ErrorReason;
import vent.common.error.VentException;

/** The failures of PostService, with their reasons from {@code vent.post.v1.ErrorReason}. */
final class PostErrors {

  private PostErrors() {}

  static VentException invalid(ErrorReason reason, String detail) {
    return VentException.invalid(reason.name(), detail);
  }

  /** The one answer for a vent that does not exist, expired, or may not be seen. */
  static VentException ventNotFound() {
    return VentException.notFound(ErrorReason.VENT_NOT_FOUND.name(), "no such vent");
  }
}
