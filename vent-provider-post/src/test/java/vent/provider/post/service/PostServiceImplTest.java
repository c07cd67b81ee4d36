package vent.provider.post.service;

import static org.assertj.core.api.Assertions.assertThat;
import static vent.provider.post.Failures.assertReason;

import dev.vent.post.v1.Audience;
import dev.vent.post.v1.CreateVentRequest;
import dev.vent.post.v1.DeleteVentRequest;
import dev.vent.post.v1.GetHomeTimelineRequest;
import dev.vent.post.v1.GetVentRequest;
import dev.vent.post.v1.ListUserVentsRequest;
import dev.vent.post.v1.Vent;
import dev.vent.post.v1.VentPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vent.common.testing.RedisExtension;
import vent.provider.post.PostFixture;
import vent.provider.post.domain.TimelineSettings;

/** The protobuf adapter called directly, over the real use cases and store. */
class PostServiceImplTest {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension();

  private PostFixture f;
  private PostServiceImpl service;

  @BeforeEach
  void setUp() {
    f = new PostFixture(REDIS.client(), TimelineSettings.fixed(800, 1000));
    service = new PostServiceImpl(f.vents);
  }

  @Test
  void mapsEveryFieldBothWays() {
    f.relations.user("8", "fan").follow("8", "7");
    Vent v =
        service.createVent(
            CreateVentRequest.newBuilder()
                .setAuthorId("7")
                .setText("hi @fan")
                .setAudience(Audience.FOLLOWERS)
                .setExpiresInSeconds(3600)
                .build());
    assertThat(v.getAuthorId()).isEqualTo("7");
    assertThat(v.getAudience()).isEqualTo(Audience.FOLLOWERS);
    assertThat(v.getExpiresAtMs()).isEqualTo(v.getCreatedAtMs() + 3_600_000L);
    assertThat(v.getMentions(0).getUserId()).isEqualTo("8");
    assertThat(v.getMentions(0).getUsername()).isEqualTo("fan");
    assertThat(
            service.getVent(
                GetVentRequest.newBuilder().setVentId(v.getId()).setViewerId("8").build()))
        .isEqualTo(v);
    VentPage page =
        service.getHomeTimeline(GetHomeTimelineRequest.newBuilder().setUserId("7").build());
    assertThat(page.getVentsList()).containsExactly(v);
    assertThat(page.getNextCursor()).isEmpty();
    service.deleteVent(
        DeleteVentRequest.newBuilder().setAuthorId("7").setVentId(v.getId()).build());
    assertReason(
        "VENT_NOT_FOUND",
        () -> service.getVent(GetVentRequest.newBuilder().setVentId(v.getId()).build()));
  }

  @Test
  void anUnsetAudienceIsRefusedAndFullPagesCarryACursor() {
    assertReason(
        "INVALID_AUDIENCE",
        () ->
            service.createVent(
                CreateVentRequest.newBuilder().setAuthorId("7").setText("hi").build()));
    for (int i = 0; i < 3; i++) {
      f.clock.advance(1);
      service.createVent(
          CreateVentRequest.newBuilder()
              .setAuthorId("7")
              .setText("v" + i)
              .setAudience(Audience.PUBLIC)
              .build());
    }
    VentPage first =
        service.listUserVents(
            ListUserVentsRequest.newBuilder().setAuthorId("7").setLimit(2).build());
    assertThat(first.getVentsList()).extracting(Vent::getText).containsExactly("v2", "v1");
    VentPage second =
        service.listUserVents(
            ListUserVentsRequest.newBuilder()
                .setAuthorId("7")
                .setLimit(2)
                .setCursor(first.getNextCursor())
                .build());
    assertThat(second.getVentsList()).extracting(Vent::getText).containsExactly("v0");
    assertThat(second.getNextCursor()).isEmpty();
  }
}
