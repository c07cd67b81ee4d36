package vent.provider.post.domain;

import dev.vent.api.rules.Formats;
import dev.vent.common.v1.Format;
import dev.vent.post.v1.ErrorReason;
import java.text.Normalizer;
import vent.common.error.VentException;

/**
 * The text rule of CreateVent: NFC normalisation (Unicode UAX #15), then 1 to {@value
 * #MAX_CODE_POINTS} code points, the {@code MULTI_LINE_TEXT} format (no control character other
 * than newline, no format character), and not only white space.
 */
public final class VentText {

  /** Most code points of a vent's text, after normalisation. */
  public static final int MAX_CODE_POINTS = 500;

  private VentText() {}

  /**
   * @param raw the text as sent
   * @return the NFC-normalised text
   * @throws VentException INVALID_ARGUMENT / INVALID_TEXT when it breaks the rule
   */
  public static String normalize(String raw) {
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints == 0 || text.isBlank()) {
      throw PostErrors.invalid(ErrorReason.INVALID_TEXT, "text must not be empty or blank");
    }
    if (codePoints > MAX_CODE_POINTS) {
      throw PostErrors.invalid(
          ErrorReason.INVALID_TEXT,
          "text must be at most " + MAX_CODE_POINTS + " code points, got " + codePoints);
    }
    if (!Formats.matches(Format.MULTI_LINE_TEXT, text)) {
      throw PostErrors.invalid(
          ErrorReason.INVALID_TEXT, "text must be " + Formats.description(Format.MULTI_LINE_TEXT));
    }
    return text;
  }
}
