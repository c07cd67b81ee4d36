package vent.provider.captcha.image;

import cn.hutool.captcha.LineCaptcha;
import cn.hutool.captcha.generator.CodeGenerator;
import javax.imageio.ImageIO;
import vent.provider.captcha.domain.CaptchaRenderer;

/**
 * {@link CaptchaRenderer} on hutool-captcha's {@link LineCaptcha}: coloured characters over random
 * interference lines, encoded as PNG by the library. The text comes from the caller (the domain
 * draws answers from a {@link java.security.SecureRandom}), so hutool's own non-cryptographic
 * generator is not used. Needs AWT in headless mode and at least one font (Debian: {@code
 * fonts-dejavu-core}).
 */
public final class HutoolCaptchaRenderer implements CaptchaRenderer {

  /** Interference lines per image. */
  private static final int LINES = 60;

  static {
    // ImageIO's default file cache registers each image stream with a JVM shutdown hook that
    // closes it: a captcha still being encoded while the provider drains after SIGTERM failed
    // ("I/O error writing PNG file ... closed"). A few KB of PNG need no file cache.
    ImageIO.setUseCache(false);
  }

  @Override
  public byte[] renderPng(String text, int width, int height) {
    // A LineCaptcha keeps its code and image in fields: one instance per image keeps this
    // renderer thread-safe (the constructor is cheap).
    LineCaptcha captcha = new LineCaptcha(width, height, new FixedText(text), LINES);
    captcha.createCode();
    return captcha.getImageBytes();
  }

  /** Hands hutool the text to draw. */
  private record FixedText(String text) implements CodeGenerator {
    @Override
    public String generate() {
      return text;
    }

    @Override
    public boolean verify(String code, String userInputCode) {
      return code.equalsIgnoreCase(userInputCode);
    }
  }
}
