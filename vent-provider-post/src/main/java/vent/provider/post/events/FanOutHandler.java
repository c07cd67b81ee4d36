package vent.provider.post.events;

import dev.vent.events.v1.VentDeleted;
import dev.vent.events.v1.VentPosted;
import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.provider.post.domain.FanOut;

/**
 * Consumer of the post event stream: VentPosted puts the vent into the author's followers' home
 * timelines (or records a big author), VentDeleted takes it out again. Other events are
 * acknowledged unread.
 */
public final class FanOutHandler implements EventHandler {

  /** The consumer group shared by every post instance. */
  public static final String GROUP = "timeline-fan-out";

  private final FanOut fanOut;

  public FanOutHandler(FanOut fanOut) {
    this.fanOut = fanOut;
  }

  @Override
  public void handle(DomainEvent event) {
    if (event.event().hasVentPosted()) {
      VentPosted posted = event.event().getVentPosted();
      fanOut.posted(posted.getAuthorId(), posted.getVentId(), posted.getCreatedAtMs());
    } else if (event.event().hasVentDeleted()) {
      VentDeleted deleted = event.event().getVentDeleted();
      fanOut.deleted(deleted.getAuthorId(), deleted.getVentId());
    }
  }
}
