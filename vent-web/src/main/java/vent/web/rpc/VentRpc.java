package vent.web.rpc;

import dev.vent.auth.v1.AuthService;
import dev.vent.captcha.v1.CaptchaService;
import dev.vent.notification.v1.NotificationService;
import dev.vent.post.v1.PostService;
import dev.vent.relation.v1.RelationService;
import dev.vent.user.v1.UserService;
import io.dropwizard.lifecycle.Managed;
import java.util.Set;
import org.apache.dubbo.config.ReferenceConfig;
import vent.common.config.CallerSettings;
import vent.common.config.RegistrySettings;
import vent.common.config.TlsSettings;
import vent.common.dubbo.DubboNode;

/**
 * vent-web's Dubbo consumer: one {@link DubboNode} holding references to the five providers'
 * services (the notification inbox is a second service of the relation provider), discovered in
 * Consul and balanced by least active calls over their healthy instances.
 *
 * <p>Retries (docs/RELIABILITY.md, "Call policy"): calls that change state and are not idempotent
 * (create/update/delete user, ensure users, register, login, refresh, change password, delete
 * account, create/verify captcha, create/delete vent) are never retried, so a timeout cannot run
 * them twice; everything else (reads, follow/unfollow, batch follow, mark notifications read) is
 * retried {@code retries} times on another instance. Stopped as a Dropwizard {@link Managed}.
 */
public final class VentRpc implements Managed {

  private final DubboNode node;
  private final Providers providers;

  private VentRpc(
      DubboNode node,
      ReferenceConfig<UserService> user,
      ReferenceConfig<RelationService> relation,
      ReferenceConfig<NotificationService> notification,
      ReferenceConfig<AuthService> authRef,
      ReferenceConfig<CaptchaService> captcha,
      ReferenceConfig<PostService> post,
      ReadRetry readRetry) {
    this.node = node;
    this.providers =
        new Providers(
            new UserClient(user.get(), readRetry),
            new RelationClient(relation.get(), readRetry),
            new NotificationClient(notification.get(), readRetry),
            new AuthClient(authRef.get()),
            new CaptchaClient(captcha.get()),
            new PostClient(post.get(), readRetry));
  }

  /**
   * Builds the Dubbo application, declares the references and starts it. Call before anything else
   * touches Dubbo: Dubbo reads its JVM-wide settings once.
   *
   * @param application Dubbo application name, e.g. {@code vent-web}
   * @param tls Triple over mutual TLS, when enabled
   * @param callers the caller name and secret sent with every call
   * @param sentinel Sentinel's Dubbo filters take part ({@code sentinel.enabled}, started before)
   * @param timeoutMs per-call timeout, milliseconds
   * @param retries extra attempts of retry-safe calls (blocking ones by Dubbo's failover cluster,
   *     asynchronous reads by {@link ReadRetry})
   */
  public static VentRpc start(
      String application,
      RegistrySettings registry,
      boolean loopbackOnly,
      TlsSettings tls,
      CallerSettings callers,
      boolean sentinel,
      int timeoutMs,
      int retries) {
    DubboNode node = new DubboNode(application, registry, loopbackOnly, sentinel).tls(tls);
    node.callers(callers);
    var user =
        node.refer(
            UserService.class,
            timeoutMs,
            retries,
            Set.of("createUser", "updateUser", "deleteUser", "ensureUsers"));
    var relation = node.refer(RelationService.class, timeoutMs, retries, Set.of());
    var notification = node.refer(NotificationService.class, timeoutMs, retries, Set.of());
    // deleteAccount: after a lost answer the account may be gone, and a retry would then answer
    // INVALID_CREDENTIALS for a deletion that succeeded.
    var authRef =
        node.refer(
            AuthService.class,
            timeoutMs,
            retries,
            Set.of("register", "login", "refresh", "changePassword", "deleteAccount"));
    var captcha =
        node.refer(
            CaptchaService.class, timeoutMs, retries, Set.of("createCaptcha", "verifyCaptcha"));
    // deleteVent: after a lost answer the vent may be gone, and a retry would answer
    // VENT_NOT_FOUND for a deletion that succeeded; createVent would post twice.
    var post =
        node.refer(PostService.class, timeoutMs, retries, Set.of("createVent", "deleteVent"));
    node.start();
    return new VentRpc(
        node, user, relation, notification, authRef, captcha, post, new ReadRetry(retries));
  }

  /** The clients of the referenced services. */
  public Providers providers() {
    return providers;
  }

  @Override
  public void start() {
    // Started in start(...): the references must exist before Jersey serves its first request.
  }

  /** Closes the connections to the providers and unsubscribes from Consul. */
  @Override
  public void stop() {
    node.stop();
  }
}
