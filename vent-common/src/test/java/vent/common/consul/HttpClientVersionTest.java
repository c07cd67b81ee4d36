package vent.common.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.apache.http.impl.client.HttpClients;
import org.junit.jupiter.api.Test;

/**
 * The Apache HttpClient that consul-api and {@link ConsulClients} run on is past CVE-2020-13956
 * (malformed request URIs sent to the wrong host; fixed in 4.5.13). consul-api 1.4.2 alone would
 * bring 4.5.5; the root pom's dependencyManagement decides.
 */
class HttpClientVersionTest {

  @Test
  void httpClientOnTheClassPathIsAtLeast4513() throws Exception {
    Properties pom = new Properties();
    try (InputStream in =
        HttpClients.class.getResourceAsStream(
            "/META-INF/maven/org.apache.httpcomponents/httpclient/pom.properties")) {
      assertThat(in).as("httpclient's pom.properties").isNotNull();
      pom.load(in);
    }
    String[] v = pom.getProperty("version").split("\\.");
    int patch = Integer.parseInt(v[2].replaceAll("\\D.*", ""));
    assertThat(Integer.parseInt(v[0]) * 10_000 + Integer.parseInt(v[1]) * 100 + patch)
        .as("httpclient %s", pom.getProperty("version"))
        .isGreaterThanOrEqualTo(40_513);
  }
}
