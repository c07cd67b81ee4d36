package vent.provider.auth.events;

import vent.common.events.DomainEvent;
import vent.common.events.EventHandler;
import vent.provider.auth.domain.AccountRemoval;

/**
 * Consumer of the user event stream: on UserDeleted, drops the user's sessions and credential.
 * Other events are acknowledged unread.
 */
public final class UserDeletedHandler implements EventHandler {

  /** The consumer group shared by every auth instance. */
  public static final String GROUP = "auth-user-deleted";

  private final AccountRemoval removal;

  public UserDeletedHandler(AccountRemoval removal) {
    this.removal = removal;
  }

  @Override
  public void handle(DomainEvent event) {
    if (event.event().hasUserDeleted()) {
      removal.userDeleted(event.event().getUserDeleted().getUserId());
    }
  }
}
