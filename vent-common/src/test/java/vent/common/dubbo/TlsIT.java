package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.captcha.v1.CaptchaService;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.config.ConfigLoader;
import vent.common.config.ProviderConfig;
import vent.common.config.RedisSettings;
import vent.common.config.TlsSettings;
import vent.common.testing.ConsulAgent;
import vent.common.testing.RedisServer;
import vent.common.testing.TestCertificates;

/**
 * Triple over TLS with mutual authentication ({@link TlsSettings}), on loopback with certificates
 * this test generates: a provider and a consumer with certificates from the Vent CA call each other
 * through Consul; the provider's port refuses plaintext, clients without a certificate and clients
 * whose certificate another CA signed.
 */
class TlsIT {

  private static final byte[] HTTP2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** An empty HTTP/2 SETTINGS frame (RFC 9113 section 6.5): length 0, type 4, flags 0, stream 0. */
  private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

  private static TestCertificates ventCa;
  private static TestCertificates otherCa;
  private static ProviderServer provider;
  private static DubboNode consumer;
  private static CaptchaService client;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("vent-tls-it");
    ventCa = TestCertificates.authority("vent-test-ca", dir);
    otherCa = TestCertificates.authority("other-ca", dir);

    ProviderConfig config = new ProviderConfig();
    config.application = "vent-provider-tls-test";
    config.registry = ConsulAgent.shared().registry();
    port = RedisServer.freePort();
    config.server.port = port;
    config.server.drainMs = 200;
    config.sentinel.enabled = false;
    config.sentinel.commandPort = RedisServer.freePort();
    config.sentinel.kvPrefix = "test/sentinel";
    config.globalConfig.kvPrefix = "test/config";
    // Required by validation; this test provider never connects to Redis.
    config.redis = RedisSettings.single("redis://127.0.0.1:" + RedisServer.freePort());
    config.events.shards = 1;
    // One certificate per process, as in production: this JVM is one "node".
    TestCertificates.Node node = ventCa.issue("node");
    config.tls = settings(node, ventCa);
    ConfigLoader.validate(config);
    provider =
        new ProviderServer(config)
            .provide(CaptchaService.class, new DubboNodeIT.FakeCaptcha())
            .start();

    consumer =
        new DubboNode("vent-tls-test-consumer", config.registry, true, false)
            .tls(settings(node, ventCa));
    var ref = consumer.refer(CaptchaService.class, 3000, 0, Set.of());
    ref.setScope("remote");
    consumer.start();
    client = ref.get();
  }

  @AfterAll
  static void stop() {
    if (consumer != null) {
      consumer.stop();
    }
    if (provider != null) {
      provider.stop();
    }
  }

  @Test
  void consumerWithCertificateFromTheCaCallsTheProvider() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        assertThat(
                client
                    .verifyCaptcha(VerifyCaptchaRequest.newBuilder().setId("good").build())
                    .getValid())
            .isTrue();
        return;
      } catch (RuntimeException notYet) {
        assertThat(System.nanoTime())
            .as("TLS call succeeds once discovered: " + notYet)
            .isLessThan(deadline);
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  @Test
  void clientWithCertificateFromTheCaGetsHttp2() throws Exception {
    // The control for the refusals below: the same raw client is answered when it is trusted.
    assertThat(answersHttp2(ventCa.issue("raw-client"))).isTrue();
  }

  @Test
  void plaintextIsRefused() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      socket.setSoTimeout(5000);
      assertThat(exchange(socket)).as("bytes answered to a plaintext HTTP/2 preface").isEqualTo(-1);
    }
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    assertThat(answersHttp2(null)).isFalse();
  }

  @Test
  void clientWithCertificateFromAnotherCaIsRefused() throws Exception {
    assertThat(answersHttp2(otherCa.issue("intruder"))).isFalse();
  }

  private static TlsSettings settings(TestCertificates.Node node, TestCertificates ca) {
    TlsSettings tls = new TlsSettings();
    tls.enabled = true;
    tls.certChain = node.certChain().toString();
    tls.privateKey = node.privateKey().toString();
    tls.trustCerts = ca.caFile().toString();
    return tls;
  }

  /** TLS (ALPN h2) to the provider, trusting the Vent CA, presenting {@code cert} if not null. */
  private static boolean answersHttp2(TestCertificates.Node cert) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (cert != null) {
      keys.setKeyEntry("client", cert.key(), new char[0], cert.chain());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ventCa.caCertificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      socket.setSoTimeout(5000);
      SSLParameters params = socket.getSSLParameters();
      params.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(params);
      // With TLS 1.3 a refused client certificate may surface only on the first read.
      socket.startHandshake();
      return exchange(socket) > 0;
    } catch (IOException refused) {
      return false;
    }
  }

  /**
   * Sends the HTTP/2 client preface; returns how many bytes the server answered, -1 at end of
   * stream.
   */
  private static int exchange(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(HTTP2_PREFACE);
    out.write(EMPTY_SETTINGS);
    out.flush();
    InputStream in = socket.getInputStream();
    byte[] answer = new byte[64];
    try {
      return in.read(answer);
    } catch (java.net.SocketException reset) {
      return -1;
    }
  }
}
