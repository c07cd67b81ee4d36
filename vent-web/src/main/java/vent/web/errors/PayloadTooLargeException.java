package vent.web.errors;

import java.io.IOException;

/**
 * Thrown while reading a request body that turns out larger than {@code api.maxBodyBytes} (bodies
 * without a Content-Length); answered 413 PAYLOAD_TOO_LARGE.
 */
public final class PayloadTooLargeException extends IOException {

  /**
   * @param maxBytes the limit, bytes
   */
  public PayloadTooLargeException(long maxBytes) {
    super("request body larger than " + maxBytes + " bytes");
  }
}
