package vent.provider.captcha.domain;

/** Draws captcha images. Implementations are thread-safe. */
public interface CaptchaRenderer {

  /** Image width, pixels. */
  int WIDTH = 160;
  /** Image height, pixels. */
  int HEIGHT = 60;

  /**
   * @param text the characters to draw
   * @return a {@value #WIDTH}x{@value #HEIGHT} PNG image of {@code text}, distorted against OCR
   */
  byte[] renderPng(String text);
}
