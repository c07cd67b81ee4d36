package vent.web.health;

import dev.vent.auth.v1.AuthService;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.post.v1.PostService;
import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.UserService;
import java.util.Map;

/**
 * Which health check reads which Consul service. Dubbo's Consul registry (interface-level
 * registration) names a service after its Dubbo interface, so the names come from vent-api's
 * interfaces; one service per provider process is enough to tell whether it is up.
 */
public final class ProviderServices {

  /** Health check name -> Consul service name, e.g. {@code dev.vent.user.v1.UserService}. */
  public static final Map<String, String> CONSUL_NAMES =
      Map.of(
          "provider-user", UserService.class.getName(),
          "provider-relation", RelationService.class.getName(),
          "provider-auth", AuthService.class.getName(),
          "provider-captcha", CaptchaService.class.getName(),
          "provider-post", PostService.class.getName());

  private ProviderServices() {}
}
