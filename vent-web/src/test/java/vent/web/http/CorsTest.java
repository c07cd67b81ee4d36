package vent.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.junit.jupiter.api.Test;

class CorsTest {

  @Test
  void noOriginsMeansNoHandler() {
    assertThat(Cors.origins("")).isEmpty();
    assertThat(Cors.origins(" , ")).isEmpty();
    assertThat(Cors.handler(List.of(), Duration.ofMinutes(10))).isNull();
  }

  @Test
  void originsAreExactAndChecked() {
    assertThat(
            Cors.origins("https://App.example.com, http://localhost:5173,https://app.example.com"))
        .containsExactly("https://app.example.com", "http://localhost:5173");
    for (String bad :
        new String[] {
          "*", "app.example.com", "https://app.example.com/path", "ftp://x", "https://"
        }) {
      assertThatThrownBy(() -> Cors.origins(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cors.allowedOrigins");
    }
  }

  @Test
  void theHandlerAllowsOnlyTheListedOriginsAndExposesTheApisHeaders() {
    CrossOriginHandler cors =
        Cors.handler(List.of("https://app.example.com"), Duration.ofSeconds(600));
    // Quoted: "." in an origin matches only a dot.
    assertThat(cors.getAllowedOriginPatterns()).containsExactly("\\Qhttps://app.example.com\\E");
    assertThat(cors.getAllowedHeaders())
        .containsExactlyInAnyOrder("Authorization", "Content-Type", "If-None-Match");
    assertThat(cors.getExposedHeaders())
        .contains(
            "Link",
            "ETag",
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "X-Request-Id",
            "Location");
    assertThat(cors.isAllowCredentials()).isFalse();
    assertThat(cors.getPreflightMaxAge()).isEqualTo(Duration.ofSeconds(600));
  }
}
