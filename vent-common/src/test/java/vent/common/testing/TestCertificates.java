package vent.common.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away X.509 certificates for TLS tests: a CA, and node certificates it signs, written as the
 * PEM files {@link vent.common.config.TlsSettings} reads (EC P-256, SHA256withECDSA, valid for one
 * day).
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate caCert;
  private final Path dir;

  private TestCertificates(String name, KeyPair caKeys, X509Certificate caCert, Path dir) {
    this.name = name;
    this.caKeys = caKeys;
    this.caCert = caCert;
    this.dir = dir;
  }

  /** A new CA whose files go to {@code dir}. */
  public static TestCertificates authority(String name, Path dir) {
    try {
      Files.createDirectories(dir);
      KeyPair keys = newKeys();
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder builder =
          builder(subject, subject, keys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      TestCertificates ca = new TestCertificates(name, keys, sign(builder, keys.getPrivate()), dir);
      ca.writePem(ca.caFile(), ca.caCert);
      return ca;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create test CA " + name, e);
    }
  }

  /** The CA certificate (PEM), for {@code tls.trustCerts}. */
  public Path caFile() {
    return dir.resolve(name + "-ca.pem");
  }

  /**
   * Issues a certificate for {@code node}, signed by this CA.
   *
   * @return the PEM files: certificate chain (node, then CA) and PKCS#8 private key
   */
  public Node issue(String node) {
    try {
      KeyPair keys = newKeys();
      X509v3CertificateBuilder builder =
          builder(new X500Name("CN=" + name), new X500Name("CN=" + node), keys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      X509Certificate cert = sign(builder, caKeys.getPrivate());
      Path chain = dir.resolve(node + ".pem");
      Path key = dir.resolve(node + ".key");
      writePem(chain, cert, caCert);
      writePem(key, new JcaPKCS8Generator(keys.getPrivate(), null));
      return new Node(chain, key, keys.getPrivate(), new X509Certificate[] {cert, caCert});
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue test certificate " + node, e);
    }
  }

  /** The CA certificate. */
  public X509Certificate caCertificate() {
    return caCert;
  }

  /** A node's PEM files, and the same key and chain in memory (for JDK TLS clients in tests). */
  public record Node(Path certChain, Path privateKey, PrivateKey key, X509Certificate[] chain) {}

  private static KeyPair newKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private void writePem(Path file, Object... objects) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        pem.writeObject(o);
      }
    }
  }
}
