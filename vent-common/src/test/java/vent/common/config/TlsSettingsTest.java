package vent.common.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

  @TempDir Path dir;

  @Test
  void disabledNeedsNoFiles() {
    assertThatCode(() -> ConfigLoader.validate(new TlsSettings())).doesNotThrowAnyException();
  }

  @Test
  void enabledNeedsThreeReadableFiles() throws Exception {
    TlsSettings tls = new TlsSettings();
    tls.enabled = true;
    assertThatThrownBy(() -> ConfigLoader.validate(tls))
        .hasMessageContaining("certChain must be set when tls.enabled is true");

    tls.certChain = Files.writeString(dir.resolve("node.pem"), "x").toString();
    tls.privateKey = Files.writeString(dir.resolve("node.key"), "x").toString();
    tls.trustCerts = dir.resolve("missing-{ca}.pem").toString();
    assertThatThrownBy(() -> ConfigLoader.validate(tls))
        .hasMessage("invalid configuration: trustCerts is not a readable file: " + tls.trustCerts);

    tls.trustCerts = Files.writeString(dir.resolve("ca.pem"), "x").toString();
    assertThatCode(() -> ConfigLoader.validate(tls)).doesNotThrowAnyException();
  }
}
