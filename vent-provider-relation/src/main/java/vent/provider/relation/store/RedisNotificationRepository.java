package vent.provider.relation.store;

import java.util.ArrayList;
import java.util.List;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScript.Mode;
import org.redisson.api.RScript.ReturnType;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import vent.common.redis.LuaScripts;
import vent.provider.relation.domain.InboxCursor;
import vent.provider.relation.domain.NotificationItem;
import vent.provider.relation.domain.NotificationRepository;

/**
 * Inboxes in Redis: a ZSET per user (member {@code followed:<actor id>} or {@code mentioned:<vent
 * id>}, score = time in ms) and the time of the newest entry read. The followee's side of a follow
 * writes "followed you" entries ({@code apply_followee.lua} of {@link RedisRelationRepository}),
 * {@link #addMentions} the mentions, each on the owner's slot. Pages order as the follow lists
 * ({@code page_start.lua}) and leave out, in the same script, entries whose actor the owner blocks,
 * is blocked by or mutes ({@code inbox_visible.lua}).
 */
public final class RedisNotificationRepository implements NotificationRepository {

  /** Entries an inbox keeps; older ones are dropped as new ones arrive. */
  public static final int INBOX_SIZE = 1000;

  private static final String FOLLOWED = "followed:";
  private static final String MENTIONED = "mentioned:";
  private static final String MARK_READ = LuaScripts.load("relation/mark_read.lua");
  private static final String PAGE =
      LuaScripts.load(
          "relation/page_start.lua", "relation/inbox_visible.lua", "relation/inbox_page.lua");
  private static final String UNREAD =
      LuaScripts.load("relation/inbox_visible.lua", "relation/unread.lua");
  private static final String READ_AT = LuaScripts.load("relation/read_at.lua");
  private static final String MENTION = LuaScripts.load("relation/mention.lua");

  private final RedissonClient redis;
  private final RScript script;

  /**
   * @param redis a client using {@link StringCodec}; not closed by this repository
   */
  public RedisNotificationRepository(RedissonClient redis) {
    this.redis = redis;
    this.script = redis.getScript(StringCodec.INSTANCE);
  }

  @Override
  public List<NotificationItem> page(String ownerId, InboxCursor after, int max) {
    String readAtText =
        script.eval(
            Mode.READ_ONLY, READ_AT, ReturnType.VALUE, List.of(NotificationKeys.readAt(ownerId)));
    double readAt =
        readAtText == null || readAtText.isEmpty()
            ? Double.NEGATIVE_INFINITY
            : Double.parseDouble(readAtText);
    List<String> raw =
        script.eval(
            Mode.READ_ONLY,
            PAGE,
            ReturnType.LIST,
            List.of(
                NotificationKeys.inbox(ownerId),
                RelationKeys.blocking(ownerId),
                RelationKeys.blockedBy(ownerId),
                RelationKeys.muting(ownerId)),
            Integer.toString(max),
            after == null ? "" : Long.toString(after.atMs()),
            after == null ? "" : (after.mention() ? MENTIONED : FOLLOWED) + after.subject());
    List<NotificationItem> items = new ArrayList<>(raw.size() / 2);
    for (int i = 0; i + 1 < raw.size(); i += 2) {
      String member = raw.get(i);
      double score = Double.parseDouble(raw.get(i + 1));
      boolean read = score <= readAt;
      if (member.startsWith(FOLLOWED)) {
        items.add(new NotificationItem(member.substring(FOLLOWED.length()), (long) score, read));
      } else if (member.startsWith(MENTIONED)) {
        String ventId = member.substring(MENTIONED.length());
        items.add(
            new NotificationItem(
                NotificationItem.Kind.MENTIONED,
                ventId.substring(0, ventId.indexOf('-')),
                ventId,
                (long) score,
                read));
      }
    }
    return items;
  }

  @Override
  public long unreadCount(String ownerId) {
    Long unread =
        script.eval(
            Mode.READ_ONLY,
            UNREAD,
            ReturnType.LONG,
            List.of(
                NotificationKeys.inbox(ownerId),
                NotificationKeys.readAt(ownerId),
                RelationKeys.blocking(ownerId),
                RelationKeys.blockedBy(ownerId),
                RelationKeys.muting(ownerId)));
    return unread;
  }

  @Override
  public long markRead(String ownerId) {
    Long marked =
        script.eval(
            Mode.READ_WRITE,
            MARK_READ,
            ReturnType.LONG,
            List.of(NotificationKeys.inbox(ownerId), NotificationKeys.readAt(ownerId)));
    return marked;
  }

  @Override
  public int addMentions(String authorId, String ventId, long atMs, List<String> ownerIds) {
    // One script per owner (each on the owner's slot), pipelined; Redisson splits the batch per
    // node.
    RBatch batch = redis.createBatch(BatchOptions.defaults());
    RScriptAsync scripts = batch.getScript(StringCodec.INSTANCE);
    List<RFuture<Long>> results = new ArrayList<>(ownerIds.size());
    for (String owner : ownerIds) {
      results.add(
          scripts.evalAsync(
              Mode.READ_WRITE,
              MENTION,
              ReturnType.LONG,
              List.of(
                  NotificationKeys.inbox(owner),
                  RelationKeys.deleted(owner),
                  RelationKeys.blocking(owner),
                  RelationKeys.blockedBy(owner)),
              MENTIONED + ventId,
              Long.toString(atMs),
              authorId,
              Integer.toString(INBOX_SIZE)));
    }
    batch.execute();
    int added = 0;
    for (RFuture<Long> result : results) {
      added += result.toCompletableFuture().join().intValue();
    }
    return added;
  }
}
