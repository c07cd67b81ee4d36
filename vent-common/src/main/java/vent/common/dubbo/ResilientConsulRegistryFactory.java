package vent.common.dubbo;

import org.apache.dubbo.common.URL;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.support.AbstractRegistryFactory;

/**
 * Dubbo SPI registry factory {@value #NAME} (registered in
 * {@code META-INF/dubbo/org.apache.dubbo.registry.RegistryFactory}): Consul as
 * dubbo-registry-consul does it, with {@link ResilientConsulRegistry}'s outage-proof watch.
 * Registry address {@code vent-consul://host:port}.
 */
public final class ResilientConsulRegistryFactory extends AbstractRegistryFactory {

  /** The registry protocol name. */
  public static final String NAME = "vent-consul";

  @Override
  protected Registry createRegistry(URL url) {
    return new ResilientConsulRegistry(url);
  }
}
