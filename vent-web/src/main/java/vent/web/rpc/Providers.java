package vent.web.rpc;

import java.util.Objects;

/**
 * The clients of the provider services vent-web calls, one per Dubbo service interface. None is
 * null.
 *
 * @param users the user provider's {@code vent.user.v1.UserService}
 * @param relations the relation provider's {@code vent.relation.v1.RelationService}
 * @param notifications the relation provider's {@code vent.notification.v1.NotificationService}
 * @param auth the auth provider's {@code vent.auth.v1.AuthService}
 * @param captchas the captcha provider's {@code vent.captcha.v1.CaptchaService}
 * @param posts the post provider's {@code vent.post.v1.PostService} (vents, home timelines)
 */
public record Providers(
    UserClient users,
    RelationClient relations,
    NotificationClient notifications,
    AuthClient auth,
    CaptchaClient captchas,
    PostClient posts) {

  public Providers {
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(relations, "relations");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(captchas, "captchas");
    Objects.requireNonNull(posts, "posts");
  }
}
