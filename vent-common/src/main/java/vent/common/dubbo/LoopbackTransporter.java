package vent.common.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.remoting.ChannelHandler;
import org.apache.dubbo.remoting.RemotingException;
import org.apache.dubbo.remoting.api.connection.AbstractConnectionClient;
import org.apache.dubbo.remoting.api.pu.AbstractPortUnificationServer;
import org.apache.dubbo.remoting.api.pu.PortUnificationTransporter;

/**
 * Dubbo's Netty transport, except that a provider's port listens on 127.0.0.1 only.
 *
 * <p>Why: Dubbo's server replaces any {@code 127.*} bind address with {@code 0.0.0.0} ({@code
 * NetUtils.isInvalidLocalHost}), so a one-machine stack's provider ports would be open to the whole
 * network. The IPv4-mapped IPv6 spelling of 127.0.0.1 is not caught by that check, and Java
 * resolves it to the IPv4 loopback address itself, so the socket binds 127.0.0.1. Selected per
 * protocol with the parameter {@code transporter=vent-loopback} ({@link DubboNode} does so when the
 * node is loopback-only); calls out use Netty unchanged.
 */
public final class LoopbackTransporter implements PortUnificationTransporter {

  /**
   * The extension name
   * (META-INF/dubbo/org.apache.dubbo.remoting.api.pu.PortUnificationTransporter).
   */
  public static final String NAME = "vent-loopback";

  /** The URL parameter Dubbo picks the transporter by. */
  public static final String KEY = "transporter";

  /** 127.0.0.1, spelled so that Dubbo keeps it (see the class comment). */
  static final String LOOPBACK_BIND = "::ffff:127.0.0.1";

  private static final String NETTY = "netty4";

  @Override
  public AbstractPortUnificationServer bind(URL url, ChannelHandler handler)
      throws RemotingException {
    URL loopback = url.addParameter("bind.ip", LOOPBACK_BIND).addParameter("anyhost", false);
    return netty(url).bind(loopback, handler);
  }

  @Override
  public AbstractConnectionClient connect(URL url, ChannelHandler handler)
      throws RemotingException {
    return netty(url).connect(url, handler);
  }

  private static PortUnificationTransporter netty(URL url) {
    return url.getOrDefaultFrameworkModel()
        .getExtensionLoader(PortUnificationTransporter.class)
        .getExtension(NETTY);
  }
}
