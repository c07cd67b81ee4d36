package vent.web.health;

import dev.vent.auth.v1.AuthService;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.post.v1.PostService;
import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.UserService;
import java.util.Map;
import vent.common.dubbo.ServiceNames;

/**
 * Which health check reads which Consul service. Providers register each service under its proto
 * service's name ({@link ServiceNames}), so the names come from vent-api's interfaces; one service
 * per provider process is enough to tell whether it is up.
 */
public final class ProviderServices {

  /** Health check name -> Consul service name, e.g. {@code vent.user.v1.UserService}. */
  public static final Map<String, String> CONSUL_NAMES =
      Map.of(
          "provider-user", ServiceNames.of(UserService.class),
          "provider-relation", ServiceNames.of(RelationService.class),
          "provider-auth", ServiceNames.of(AuthService.class),
          "provider-captcha", ServiceNames.of(CaptchaService.class),
          "provider-post", ServiceNames.of(PostService.class));

  private ProviderServices() {}
}
