package vent.web.limits;

import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Safety net: exits a request's Sentinel entries when the request finishes, should {@link
 * SentinelRouteFilter}'s response filter not have run (Jersey skips response filters when an
 * exception mapper or another response filter fails). A leaked entry would count as a request in
 * progress forever and skew concurrency limits and the system rule.
 */
public final class SentinelExitListener implements ApplicationEventListener {

  private static final RequestEventListener ON_FINISH =
      event -> {
        if (event.getType() == RequestEvent.Type.FINISHED) {
          ContainerRequest request = event.getContainerRequest();
          SentinelEntries entries = request == null ? null : SentinelEntries.take(request);
          if (entries != null) {
            entries.exitAll();
          }
        }
      };

  @Override
  public void onEvent(ApplicationEvent event) {}

  @Override
  public RequestEventListener onRequest(RequestEvent requestEvent) {
    return ON_FINISH;
  }
}
