package vent.provider.relation.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.events.v1.Event;
import dev.vent.events.v1.VentDeleted;
import dev.vent.events.v1.VentPosted;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.events.DomainEvent;
import vent.common.testing.RedisExtension;
import vent.provider.relation.domain.NotificationItem;
import vent.provider.relation.domain.Notifications;
import vent.provider.relation.domain.PageLimit;
import vent.provider.relation.store.RedisNotificationRepository;

/** VentPosted events as the consumer group delivers them, against a real redis-server. */
class MentionHandlerTest {

  @RegisterExtension
  static final RedisExtension REDIS = new RedisExtension(RedisExtension.Flush.DB);

  @Test
  void aPostedVentNotifiesEachMentionedUserOnce() throws Exception {
    Notifications notifications =
        new Notifications(
            new RedisNotificationRepository(REDIS.client()), PageLimit.fixed(PageLimit.MAX));
    MentionHandler handler = new MentionHandler(notifications);
    Event posted =
        Event.newBuilder()
            .setVentPosted(
                VentPosted.newBuilder()
                    .setVentId("7-abc")
                    .setAuthorId("7")
                    .setAudience("public")
                    .setCreatedAtMs(500L)
                    .addMentionedUserIds("8")
                    .addMentionedUserIds("9"))
            .build();
    handler.handleBatch(
        List.of(
            new DomainEvent("1-0", 500L, posted),
            new DomainEvent("1-1", 500L, posted),
            new DomainEvent(
                "1-2",
                600L,
                Event.newBuilder()
                    .setVentDeleted(VentDeleted.newBuilder().setVentId("7-xyz").setAuthorId("7"))
                    .build())));
    for (String owner : List.of("8", "9")) {
      assertThat(notifications.list(owner, 10, "").items())
          .containsExactly(
              new NotificationItem(NotificationItem.Kind.MENTIONED, "7", "7-abc", 500L, false));
    }
  }
}
