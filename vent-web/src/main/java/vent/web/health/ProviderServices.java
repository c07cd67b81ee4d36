package vent.web.health;

import java.util.Map;

/**
 * The one place that says under which Consul service name each provider is registered, and so
 * which health check reads which service. Dubbo's Consul registry (interface-level
 * registration) names a service after its Dubbo interface.
 */
public final class ProviderServices {

  /** Health check name -> Consul service name. */
  public static final Map<String, String> CONSUL_NAMES = Map.of(
      "provider-user", "vent.user.v1.UserService",
      "provider-relation", "vent.relation.v1.RelationService",
      "provider-auth", "vent.auth.v1.AuthService",
      "provider-captcha", "vent.captcha.v1.CaptchaService");

  private ProviderServices() {}
}
