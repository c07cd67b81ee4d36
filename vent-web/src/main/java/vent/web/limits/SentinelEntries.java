package vent.web.limits;

import com.alibaba.csp.sentinel.Entry;
import com.alibaba.csp.sentinel.EntryType;
import com.alibaba.csp.sentinel.ResourceTypeConstants;
import com.alibaba.csp.sentinel.SphU;
import com.alibaba.csp.sentinel.Tracer;
import com.alibaba.csp.sentinel.context.Context;
import com.alibaba.csp.sentinel.context.ContextUtil;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sentinel entries one REST request holds, kept as a request property from the request filters
 * to the response filter (or, should that never run, to the end of the request), and exited there
 * in reverse order on the thread that entered them.
 *
 * <p>Not thread-safe: a request is processed on one thread (vent-web's resources are synchronous).
 */
final class SentinelEntries {

  private static final Logger LOG = LoggerFactory.getLogger(SentinelEntries.class);
  static final String PROPERTY = SentinelEntries.class.getName();

  /**
   * Most entries of one request: client-ip, a route's per-IP or per-user limits, client-user, the
   * route.
   */
  private static final int MAX_ENTRIES = 5;

  private final SentinelResources.Route route;
  private final Entry[] entries = new Entry[MAX_ENTRIES];
  private final Object[] args = new Object[MAX_ENTRIES];
  private int size;
  private int routeIndex = -1;
  private boolean blocked;
  private String blockedResource;
  private Object blockedArg;

  private SentinelEntries(SentinelResources.Route route) {
    this.route = route;
  }

  /**
   * Enters vent-web's Sentinel context on this thread and attaches a new, empty set for {@code
   * route} to {@code request}.
   */
  static SentinelEntries begin(ContainerRequestContext request, SentinelResources.Route route) {
    Context leaked = ContextUtil.getContext();
    if (leaked != null) {
      // A request starts with no context; one left here would nest this request's entries in it.
      LOG.warn("event=sentinel_context_leaked context={}", leaked.getName());
      exitEverything(leaked);
    }
    ContextUtil.enter(SentinelResources.CONTEXT);
    SentinelEntries entries = new SentinelEntries(route);
    request.setProperty(PROPERTY, entries);
    return entries;
  }

  /** The set attached to {@code request}, or null. */
  static SentinelEntries of(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof SentinelEntries entries ? entries : null;
  }

  /** Detaches and returns the set attached to {@code request}, or null (already exited). */
  static SentinelEntries take(ContainerRequestContext request) {
    SentinelEntries entries = of(request);
    if (entries != null) {
      request.removeProperty(PROPERTY);
    }
    return entries;
  }

  /** The matched route these entries belong to. */
  SentinelResources.Route route() {
    return route;
  }

  /**
   * Enters a per-client resource ({@link EntryType#OUT}: the system rule must not count it).
   *
   * @param arg argument 0 of its parameter-flow rules (the IP or the user id)
   * @throws BlockException a rule refused the request (nothing is held for {@code resource} then)
   */
  void enterPerClient(String resource, Object arg) throws BlockException {
    hold(
        SphU.entry(resource, ResourceTypeConstants.COMMON_WEB, EntryType.OUT, new Object[] {arg}),
        arg);
  }

  /**
   * Enters the route's resource ({@link EntryType#IN}: the request's one inbound entry, which the
   * system rule counts), at most once per request.
   *
   * @throws BlockException a rule refused the request (nothing is held for the route then)
   */
  void enterRoute() throws BlockException {
    if (routeIndex >= 0) {
      return;
    }
    hold(SphU.entry(route.name(), ResourceTypeConstants.COMMON_WEB, EntryType.IN), null);
    routeIndex = size - 1;
  }

  private void hold(Entry entry, Object arg) {
    entries[size] = entry;
    args[size] = arg;
    size++;
  }

  /**
   * Marks the request as refused by a rule (its answer is the limit's, not the resource's).
   *
   * @param resource the resource whose rule refused it
   * @param arg argument 0 of its parameter-flow rules, or null for the route
   */
  void blocked(String resource, Object arg) {
    blocked = true;
    blockedResource = resource;
    blockedArg = arg;
  }

  /**
   * The resources this request entered, in order, and the one that refused it, if any, last: what
   * {@link RateLimitHeaders} reports on.
   */
  List<RateLimitHeaders.Met> met() {
    List<RateLimitHeaders.Met> met = new ArrayList<>(size + 1);
    for (int i = 0; i < size; i++) {
      met.add(new RateLimitHeaders.Met(entries[i].getResourceWrapper().getName(), args[i]));
    }
    if (blockedResource != null) {
      met.add(new RateLimitHeaders.Met(blockedResource, blockedArg));
    }
    return met;
  }

  boolean isBlocked() {
    return blocked;
  }

  /**
   * Counts a 5xx answer as an error of the route, for exception-based degrade rules and the
   * dashboard's exception QPS; nothing when the route was not entered.
   */
  void traceServerError(int status) {
    if (routeIndex >= 0 && !blocked) {
      Tracer.traceEntry(new ServerErrorStatus(status), entries[routeIndex]);
    }
  }

  /**
   * Exits every entry, newest first (parameter-flow entries with their argument), then the context.
   */
  void exitAll() {
    for (int i = size - 1; i >= 0; i--) {
      Entry entry = entries[i];
      entries[i] = null;
      try {
        if (args[i] == null) {
          entry.exit();
        } else {
          entry.exit(1, args[i]);
        }
      } catch (RuntimeException e) {
        // ErrorEntryFreeException: something nested an entry it did not exit; Sentinel has
        // exited the whole stack by now, ours included.
        LOG.warn(
            "event=sentinel_exit_failed resource={} error={}",
            entry.getResourceWrapper().getName(),
            e.toString());
      }
    }
    size = 0;
    routeIndex = -1;
    ContextUtil.exit();
  }

  private static void exitEverything(Context context) {
    for (int guard = 0; context.getCurEntry() != null && guard < 64; guard++) {
      try {
        context.getCurEntry().exit();
      } catch (RuntimeException e) {
        LOG.warn("event=sentinel_exit_failed error={}", e.toString());
      }
    }
    context.setCurEntry(null);
    ContextUtil.exit();
  }

  /** Stands for a 5xx answer in Sentinel's exception statistics; no stack trace (cheap). */
  static final class ServerErrorStatus extends RuntimeException {
    ServerErrorStatus(int status) {
      super("HTTP " + status, null, false, false);
    }
  }
}
