package vent.provider.post.service;

import dev.vent.post.v1.CreateVentRequest;
import dev.vent.post.v1.DeleteVentRequest;
import dev.vent.post.v1.DeleteVentResponse;
import dev.vent.post.v1.DubboPostServiceTriple;
import dev.vent.post.v1.GetHomeTimelineRequest;
import dev.vent.post.v1.GetVentRequest;
import dev.vent.post.v1.ListUserVentsRequest;
import dev.vent.post.v1.Vent;
import dev.vent.post.v1.VentPage;
import vent.provider.post.domain.Audience;
import vent.provider.post.domain.Mention;
import vent.provider.post.domain.Vents;

/**
 * The Triple face of {@link Vents}: protobuf in, domain call, protobuf out. Behaviour, limits and
 * errors are those of post.proto, implemented by {@link Vents}; domain failures ({@code
 * VentException}) become gRPC statuses in vent-common's {@code VentErrorFilter}.
 */
public final class PostServiceImpl extends DubboPostServiceTriple.PostServiceImplBase {

  private final Vents vents;

  /**
   * @param vents the use cases this adapter exposes
   */
  public PostServiceImpl(Vents vents) {
    this.vents = vents;
  }

  @Override
  public Vent createVent(CreateVentRequest request) {
    return toProto(
        vents.create(
            request.getAuthorId(),
            request.getText(),
            audience(request.getAudience()),
            request.getExpiresInSeconds()));
  }

  @Override
  public Vent getVent(GetVentRequest request) {
    return toProto(vents.get(request.getVentId(), request.getViewerId()));
  }

  @Override
  public DeleteVentResponse deleteVent(DeleteVentRequest request) {
    vents.delete(request.getAuthorId(), request.getVentId());
    return DeleteVentResponse.getDefaultInstance();
  }

  @Override
  public VentPage listUserVents(ListUserVentsRequest request) {
    return toProto(
        vents.listByAuthor(
            request.getAuthorId(), request.getViewerId(), request.getLimit(), request.getCursor()));
  }

  @Override
  public VentPage getHomeTimeline(GetHomeTimelineRequest request) {
    return toProto(
        vents.homeTimeline(request.getUserId(), request.getLimit(), request.getCursor()));
  }

  /** The domain audience, or null for an unset or unknown one (refused by the use case). */
  static Audience audience(dev.vent.post.v1.Audience audience) {
    return switch (audience) {
      case PUBLIC -> Audience.PUBLIC;
      case FOLLOWERS -> Audience.FOLLOWERS;
      case MUTUALS -> Audience.MUTUALS;
      default -> null;
    };
  }

  static Vent toProto(vent.provider.post.domain.Vent v) {
    Vent.Builder out =
        Vent.newBuilder()
            .setId(v.id())
            .setAuthorId(v.authorId())
            .setText(v.text())
            .setAudience(dev.vent.post.v1.Audience.valueOf(v.audience().name()))
            .setCreatedAtMs(v.createdAtMs())
            .setExpiresAtMs(v.expiresAtMs());
    for (Mention m : v.mentions()) {
      out.addMentions(
          dev.vent.post.v1.Mention.newBuilder().setUserId(m.userId()).setUsername(m.username()));
    }
    return out.build();
  }

  private static VentPage toProto(vent.provider.post.domain.VentPage page) {
    VentPage.Builder out = VentPage.newBuilder();
    page.vents().forEach(v -> out.addVents(toProto(v)));
    if (page.nextCursor() != null) {
      out.setNextCursor(page.nextCursor().encode());
    }
    return out.build();
  }
}
