package vent.provider.captcha.domain;

/** Draws captcha images. Implementations are thread-safe. */
public interface CaptchaRenderer {

  /** Default image width, pixels. */
  int WIDTH = 160;

  /** Default image height, pixels. */
  int HEIGHT = 60;

  /**
   * @param text the characters to draw
   * @param width image width, pixels
   * @param height image height, pixels
   * @return a {@code width}x{@code height} PNG image of {@code text}, distorted against OCR
   */
  byte[] renderPng(String text, int width, int height);

  /**
   * @return a {@value #WIDTH}x{@value #HEIGHT} PNG image of {@code text}
   */
  default byte[] renderPng(String text) {
    return renderPng(text, WIDTH, HEIGHT);
  }
}
