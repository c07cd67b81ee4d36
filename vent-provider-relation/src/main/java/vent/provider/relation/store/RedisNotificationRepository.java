package vent.provider.relation.store;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.provider.relation.domain.FollowNotice;
import vent.provider.relation.domain.NotificationItem;
import vent.provider.relation.domain.NotificationRepository;
import vent.provider.relation.domain.PageCursor;

/**
 * Inboxes in Redis: a ZSET per user (member {@code followed:<actor id>}, score = time in ms) and
 * the time of the newest entry read. Pages use the follow lists' script ({@code page.lua}), so
 * both kinds of list order and page alike.
 */
public final class RedisNotificationRepository implements NotificationRepository {

  /** Entries an inbox keeps; older ones are dropped as new ones arrive. */
  public static final int INBOX_SIZE = 1000;

  private static final String FOLLOWED = "followed:";
  private static final LuaScript NOTIFY = LuaScript.load("notify");
  private static final LuaScript MARK_READ = LuaScript.load("mark_read");
  private static final LuaScript PAGE = LuaScript.load("page");
  private static final String UNREAD = """
      local readAt = redis.call('GET', KEYS[2]) or '-inf'
      return redis.call('ZCOUNT', KEYS[1], '(' .. readAt, '+inf')
      """;
  private static final String READ_AT = "return redis.call('GET', KEYS[1]) or ''";

  private final RScript script;

  /** @param redis a client using {@link StringCodec}; not closed by this repository */
  public RedisNotificationRepository(RedissonClient redis) {
    this.script = redis.getScript(StringCodec.INSTANCE);
  }

  @Override
  public boolean recordFollowed(String ownerId, String actorId, long atMs) {
    return recordFollowed(List.of(new FollowNotice(actorId, ownerId, atMs))) == 1;
  }

  @Override
  public int recordFollowed(List<FollowNotice> notices) {
    if (notices.isEmpty()) {
      return 0;
    }
    // One script for the whole list (a consumer's batch): one round trip, and Redis runs it as a
    // unit; a batch is at most a few hundred entries, well under a millisecond of Redis time.
    List<Object> keys = new ArrayList<>(3 * notices.size());
    Object[] args = new Object[1 + 2 * notices.size()];
    args[0] = Integer.toString(INBOX_SIZE);
    int a = 1;
    for (FollowNotice n : notices) {
      keys.add(NotificationKeys.inbox(n.followeeId()));
      keys.add(RelationKeys.deleted(n.followeeId()));
      keys.add(RelationKeys.deleted(n.followerId()));
      args[a++] = FOLLOWED + n.followerId();
      args[a++] = Long.toString(n.atMs());
    }
    Long changed = script.eval(Mode.READ_WRITE, NOTIFY.source(), ReturnType.LONG, keys, args);
    return Math.toIntExact(changed);
  }

  @Override
  public List<NotificationItem> page(String ownerId, PageCursor after, int max) {
    String readAtText = script.eval(Mode.READ_ONLY, READ_AT, ReturnType.VALUE, List.of(NotificationKeys.readAt(ownerId)));
    double readAt = readAtText == null || readAtText.isEmpty() ? Double.NEGATIVE_INFINITY : Double.parseDouble(readAtText);
    List<String> raw = script.eval(Mode.READ_ONLY, PAGE.source(), ReturnType.LIST, List.of(NotificationKeys.inbox(ownerId)),
        Integer.toString(max),
        after == null ? "" : Long.toString(after.followedAtMs()),
        after == null ? "" : FOLLOWED + after.userId());
    List<NotificationItem> items = new ArrayList<>(raw.size() / 2);
    for (int i = 0; i + 1 < raw.size(); i += 2) {
      String member = raw.get(i);
      if (member.startsWith(FOLLOWED)) {
        double score = Double.parseDouble(raw.get(i + 1));
        items.add(new NotificationItem(member.substring(FOLLOWED.length()), (long) score, score <= readAt));
      }
    }
    return items;
  }

  @Override
  public long unreadCount(String ownerId) {
    Long unread = script.eval(Mode.READ_ONLY, UNREAD, ReturnType.LONG,
        List.of(NotificationKeys.inbox(ownerId), NotificationKeys.readAt(ownerId)));
    return unread;
  }

  @Override
  public long markRead(String ownerId) {
    Long marked = script.eval(Mode.READ_WRITE, MARK_READ.source(), ReturnType.LONG,
        List.of(NotificationKeys.inbox(ownerId), NotificationKeys.readAt(ownerId)));
    return marked;
  }
}
