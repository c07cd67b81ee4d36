package vent.web.health;

import java.util.Map;
import vent.auth.v1.AuthService;
import vent.captcha.v1.CaptchaService;
import vent.post.v1.PostService;
import vent.relation.v1.RelationService;
import vent.user.v1.UserService;

/**
 * Which health check reads which Consul service. Dubbo's Consul registry (interface-level
 * registration) names a service after its Dubbo interface, so the names come from vent-api's
 * interfaces; one service per provider process is enough to tell whether it is up.
 */
public final class ProviderServices {

  /** Health check name -> Consul service name, e.g. {@code vent.user.v1.UserService}. */
  public static final Map<String, String> CONSUL_NAMES =
      Map.of(
          "provider-user", UserService.class.getName(),
          "provider-relation", RelationService.class.getName(),
          "provider-auth", AuthService.class.getName(),
          "provider-captcha", CaptchaService.class.getName(),
          "provider-post", PostService.class.getName());

  private ProviderServices() {}
}
