package vent.provider.captcha.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HutoolCaptchaRendererTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void rendersA160x60Png() throws Exception {
    byte[] png = new HutoolCaptchaRenderer().renderPng("AB3KZ");
    assertThat(png).startsWith(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(160);
    assertThat(image.getHeight()).isEqualTo(60);
    assertThat(png.length).isBetween(500, 64 * 1024);
  }

  @Test
  void encodesWithoutImageIoFileCacheWhichAShutdownHookCloses() {
    new HutoolCaptchaRenderer().renderPng("AB3KZ");
    assertThat(ImageIO.getUseCache()).isFalse();
  }

  @Test
  void rendersConcurrently() throws Exception {
    HutoolCaptchaRenderer renderer = new HutoolCaptchaRenderer();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> images = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        images.add(pool.submit(() -> renderer.renderPng("QWERT")));
      }
      for (Future<byte[]> f : images) {
        assertThat(ImageIO.read(new ByteArrayInputStream(f.get())).getWidth()).isEqualTo(160);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
