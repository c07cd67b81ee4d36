package vent.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Triple over TLS with mutual authentication, for providers and consumers on different hosts. Off
 * by default: the one-machine stack keeps every port on loopback instead.
 *
 * <p>When enabled, the process uses one certificate both as a provider (server) and as a consumer
 * (client), and trusts exactly the certificates in {@code trustCerts}: a provider refuses plaintext
 * connections and clients without a certificate signed by that CA (TLS handshake failure, the call
 * fails with gRPC UNAVAILABLE); a consumer refuses providers whose certificate that CA did not
 * sign. Host names are not checked: the CA is the identity.
 *
 * <p>Files are PEM (RFC 7468): {@code certChain} the X.509 certificate chain, this process's
 * certificate first; {@code privateKey} an unencrypted PKCS#8 private key ({@code -----BEGIN
 * PRIVATE KEY-----}); {@code trustCerts} one or more CA certificates.
 *
 * <p>YAML shape: {@code {enabled: false, certChain: /etc/vent/node.pem, privateKey:
 * /etc/vent/node.key, trustCerts: /etc/vent/ca.pem}}. When enabled, the three files must be
 * readable ({@link ReadableTlsFiles}).
 */
@ReadableTlsFiles
public class TlsSettings {
  @JsonProperty public boolean enabled = false;

  /** PEM certificate chain of this process. */
  @JsonProperty public String certChain = "";

  /** PEM PKCS#8 private key of {@link #certChain}, unencrypted. */
  @JsonProperty public String privateKey = "";

  /** PEM CA certificates that peers' certificates must chain to. */
  @JsonProperty public String trustCerts = "";
}
