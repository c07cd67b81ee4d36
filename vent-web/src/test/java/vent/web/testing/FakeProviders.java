package vent.web.testing;

import com.google.protobuf.ByteString;
import com.nimbusds.jose.jwk.ECKey;
import dev.vent.api.rules.Formats;
import dev.vent.auth.v1.ChangePasswordRequest;
import dev.vent.auth.v1.DeleteAccountRequest;
import dev.vent.auth.v1.DeleteAccountResponse;
import dev.vent.auth.v1.DubboAuthServiceTriple;
import dev.vent.auth.v1.GetJwksRequest;
import dev.vent.auth.v1.GetJwksResponse;
import dev.vent.auth.v1.LoginRequest;
import dev.vent.auth.v1.LogoutRequest;
import dev.vent.auth.v1.LogoutResponse;
import dev.vent.auth.v1.RefreshRequest;
import dev.vent.auth.v1.RegisterRequest;
import dev.vent.auth.v1.RegisterResponse;
import dev.vent.auth.v1.TokenPair;
import dev.vent.captcha.v1.Captcha;
import dev.vent.captcha.v1.CreateCaptchaRequest;
import dev.vent.captcha.v1.DubboCaptchaServiceTriple;
import dev.vent.common.v1.Format;
import dev.vent.notification.v1.DubboNotificationServiceTriple;
import dev.vent.notification.v1.ListNotificationsRequest;
import dev.vent.notification.v1.ListNotificationsResponse;
import dev.vent.notification.v1.MarkNotificationsReadRequest;
import dev.vent.notification.v1.MarkNotificationsReadResponse;
import dev.vent.notification.v1.Notification;
import dev.vent.post.v1.Audience;
import dev.vent.post.v1.CreateVentRequest;
import dev.vent.post.v1.DeleteVentRequest;
import dev.vent.post.v1.DeleteVentResponse;
import dev.vent.post.v1.DubboPostServiceTriple;
import dev.vent.post.v1.GetHomeTimelineRequest;
import dev.vent.post.v1.GetVentRequest;
import dev.vent.post.v1.ListUserVentsRequest;
import dev.vent.post.v1.Vent;
import dev.vent.post.v1.VentPage;
import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.BatchFollowResponse;
import dev.vent.relation.v1.BlockRequest;
import dev.vent.relation.v1.BlockResponse;
import dev.vent.relation.v1.DubboRelationServiceTriple;
import dev.vent.relation.v1.Edge;
import dev.vent.relation.v1.FollowCounts;
import dev.vent.relation.v1.FollowEntry;
import dev.vent.relation.v1.FollowRequest;
import dev.vent.relation.v1.FollowResponse;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.GetCountsResponse;
import dev.vent.relation.v1.GetRelationshipsRequest;
import dev.vent.relation.v1.GetRelationshipsResponse;
import dev.vent.relation.v1.ListFollowsRequest;
import dev.vent.relation.v1.ListFollowsResponse;
import dev.vent.relation.v1.MuteRequest;
import dev.vent.relation.v1.MuteResponse;
import dev.vent.relation.v1.Relationship;
import dev.vent.relation.v1.SuggestFollowsRequest;
import dev.vent.relation.v1.SuggestFollowsResponse;
import dev.vent.relation.v1.Suggestion;
import dev.vent.relation.v1.UnfollowRequest;
import dev.vent.relation.v1.UnfollowResponse;
import dev.vent.user.v1.BatchGetUsersRequest;
import dev.vent.user.v1.BatchGetUsersResponse;
import dev.vent.user.v1.DubboUserServiceTriple;
import dev.vent.user.v1.EnsureUsersRequest;
import dev.vent.user.v1.EnsureUsersResponse;
import dev.vent.user.v1.EnsuredUser;
import dev.vent.user.v1.GetUserByUsernameRequest;
import dev.vent.user.v1.GetUserRequest;
import dev.vent.user.v1.UpdateUserRequest;
import dev.vent.user.v1.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;
import vent.web.auth.DeletedUsers;
import vent.web.auth.TestKeys;

/**
 * In-memory stand-ins for the five providers, implementing the generated service interfaces
 * (through their ImplBase classes) with the behaviour and reasons their IDL documents. For unit
 * tests of vent-web only; the end-to-end tests use the real providers.
 */
public final class FakeProviders {

  public static final String CAPTCHA_ANSWER = "ok";
  public static final String PASSWORD = "correct horse";

  public final ECKey signingKey = TestKeys.newKey("test-key");
  public final Users users = new Users();
  public final Relations relations = new Relations();
  public final Auth auth = new Auth();
  public final Captchas captchas = new Captchas();
  public final Notifications notifications = new Notifications();
  public final Posts posts = new Posts();

  /**
   * What vent-web's tail of the user event stream would hold; the fake auth's DeleteAccount fills
   * it.
   */
  public final DeletedUsers deletedUsers =
      new DeletedUsers(Duration.ofMinutes(20), System::currentTimeMillis);

  /** Adds a user directly, as if registered; returns it. */
  public User addUser(String username) {
    return users.create(username, "Name of " + username);
  }

  /** A valid access token of {@code user}. */
  public String tokenOf(User user) {
    return TestKeys.token(signingKey, user.getId(), "session-" + user.getId());
  }

  public final class Users extends DubboUserServiceTriple.UserServiceImplBase {
    private final Map<String, User> byId = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);

    synchronized User create(String username, String displayName) {
      String lower = username.toLowerCase(Locale.ROOT);
      if (!Formats.matches(Format.USERNAME, lower)) {
        throw VentException.invalid(
            "INVALID_USERNAME", "username must be 3-30 characters of [a-z0-9_]");
      }
      if (byId.values().stream().anyMatch(u -> u.getUsername().equals(lower))) {
        throw new VentException(
            ErrorKind.ALREADY_EXISTS, "USERNAME_TAKEN", "username '" + lower + "' is taken");
      }
      User user =
          User.newBuilder()
              .setId(String.valueOf(ids.incrementAndGet()))
              .setUsername(lower)
              .setDisplayName(displayName)
              .setCreatedAtMs(1_700_000_000_000L)
              .build();
      byId.put(user.getId(), user);
      return user;
    }

    @Override
    public synchronized User getUser(GetUserRequest request) {
      if (!request.getId().matches("[0-9]+")) {
        throw VentException.invalid("INVALID_USER_ID", "not a user id");
      }
      User user = byId.get(request.getId());
      if (user == null) {
        throw VentException.notFound("USER_NOT_FOUND", "no user " + request.getId());
      }
      return user;
    }

    @Override
    public synchronized BatchGetUsersResponse batchGetUsers(BatchGetUsersRequest request) {
      batchCalls++;
      return BatchGetUsersResponse.newBuilder()
          .addAllUsers(request.getIdsList().stream().map(byId::get).filter(u -> u != null).toList())
          .build();
    }

    public int batchCalls;

    synchronized void delete(String id) {
      byId.remove(id);
    }

    @Override
    public synchronized User getUserByUsername(GetUserByUsernameRequest request) {
      String lower = request.getUsername().toLowerCase(Locale.ROOT);
      return byId.values().stream()
          .filter(u -> u.getUsername().equals(lower))
          .findFirst()
          .orElseThrow(() -> VentException.notFound("USER_NOT_FOUND", "no user named " + lower));
    }

    @Override
    public synchronized User updateUser(UpdateUserRequest request) {
      User user = getUser(GetUserRequest.newBuilder().setId(request.getId()).build());
      User.Builder updated = user.toBuilder();
      if (request.hasDisplayName()) {
        updated.setDisplayName(request.getDisplayName());
      }
      if (request.hasBio()) {
        updated.setBio(request.getBio());
      }
      byId.put(user.getId(), updated.build());
      return updated.build();
    }

    @Override
    public synchronized EnsureUsersResponse ensureUsers(EnsureUsersRequest request) {
      if (request.getUsernamesCount() > 1000) {
        throw VentException.invalid("TOO_MANY_IDS", "at most 1000 usernames");
      }
      EnsureUsersResponse.Builder response = EnsureUsersResponse.newBuilder();
      int created = 0;
      for (String username : request.getUsernamesList().stream().distinct().toList()) {
        User existing =
            byId.values().stream()
                .filter(u -> u.getUsername().equals(username))
                .findFirst()
                .orElse(null);
        boolean isNew = existing == null;
        User user = isNew ? create(username, username) : existing;
        created += isNew ? 1 : 0;
        response.addUsers(
            EnsuredUser.newBuilder().setUsername(username).setId(user.getId()).setCreated(isNew));
      }
      return response.setCreated(created).build();
    }
  }

  public static final class Relations extends DubboRelationServiceTriple.RelationServiceImplBase {
    /** follower -> followee -> sequence number (higher is newer). */
    private final Map<String, Map<String, Long>> following = new HashMap<>();

    /** user -> blocked user -> sequence number. */
    private final Map<String, Map<String, Long>> blocking = new HashMap<>();

    /** user -> muted user -> sequence number. */
    private final Map<String, Map<String, Long>> muting = new HashMap<>();

    private final AtomicLong sequence = new AtomicLong();

    private synchronized boolean add(String follower, String followee) {
      if (follower.equals(followee)
          || has(blocking, follower, followee)
          || has(blocking, followee, follower)) {
        return false;
      }
      return following
              .computeIfAbsent(follower, k -> new HashMap<>())
              .putIfAbsent(followee, sequence.incrementAndGet())
          == null;
    }

    private static boolean has(Map<String, Map<String, Long>> sets, String a, String b) {
      return sets.getOrDefault(a, Map.of()).containsKey(b);
    }

    @Override
    public synchronized BlockResponse block(BlockRequest request) {
      String me = request.getUserId();
      String other = request.getOtherId();
      if (me.equals(other)) {
        throw VentException.invalid("CANNOT_BLOCK_SELF", "a user cannot block themself");
      }
      following.getOrDefault(me, new HashMap<>()).remove(other);
      following.getOrDefault(other, new HashMap<>()).remove(me);
      return BlockResponse.newBuilder()
          .setChanged(
              blocking
                      .computeIfAbsent(me, k -> new HashMap<>())
                      .putIfAbsent(other, sequence.incrementAndGet())
                  == null)
          .build();
    }

    @Override
    public synchronized BlockResponse unblock(BlockRequest request) {
      return BlockResponse.newBuilder()
          .setChanged(
              blocking
                      .getOrDefault(request.getUserId(), new HashMap<>())
                      .remove(request.getOtherId())
                  != null)
          .build();
    }

    @Override
    public synchronized ListFollowsResponse listBlocks(ListFollowsRequest request) {
      return page(blocking.getOrDefault(request.getUserId(), Map.of()), request);
    }

    @Override
    public synchronized MuteResponse mute(MuteRequest request) {
      if (request.getUserId().equals(request.getOtherId())) {
        throw VentException.invalid("CANNOT_MUTE_SELF", "a user cannot mute themself");
      }
      return MuteResponse.newBuilder()
          .setChanged(
              muting
                      .computeIfAbsent(request.getUserId(), k -> new HashMap<>())
                      .putIfAbsent(request.getOtherId(), sequence.incrementAndGet())
                  == null)
          .build();
    }

    @Override
    public synchronized MuteResponse unmute(MuteRequest request) {
      return MuteResponse.newBuilder()
          .setChanged(
              muting.getOrDefault(request.getUserId(), new HashMap<>()).remove(request.getOtherId())
                  != null)
          .build();
    }

    @Override
    public synchronized ListFollowsResponse listMutes(ListFollowsRequest request) {
      return page(muting.getOrDefault(request.getUserId(), Map.of()), request);
    }

    @Override
    public FollowResponse follow(FollowRequest request) {
      if (request.getFollowerId().equals(request.getFolloweeId())) {
        throw VentException.invalid("CANNOT_FOLLOW_SELF", "a user cannot follow themself");
      }
      synchronized (this) {
        if (has(blocking, request.getFollowerId(), request.getFolloweeId())
            || has(blocking, request.getFolloweeId(), request.getFollowerId())) {
          throw new VentException(
              ErrorKind.PERMISSION_DENIED, "BLOCKED", "one of the two users blocks the other");
        }
      }
      return FollowResponse.newBuilder()
          .setCreated(add(request.getFollowerId(), request.getFolloweeId()))
          .build();
    }

    @Override
    public synchronized UnfollowResponse unfollow(UnfollowRequest request) {
      Map<String, Long> followees = following.getOrDefault(request.getFollowerId(), Map.of());
      return UnfollowResponse.newBuilder()
          .setRemoved(followees.remove(request.getFolloweeId()) != null)
          .build();
    }

    @Override
    public BatchFollowResponse batchFollow(BatchFollowRequest request) {
      int created = 0;
      for (Edge edge : request.getEdgesList()) {
        created += add(edge.getFollowerId(), edge.getFolloweeId()) ? 1 : 0;
      }
      return BatchFollowResponse.newBuilder().setCreated(created).build();
    }

    public synchronized long edgeCount() {
      return following.values().stream().mapToLong(Map::size).sum();
    }

    @Override
    public synchronized GetRelationshipsResponse getRelationships(GetRelationshipsRequest request) {
      GetRelationshipsResponse.Builder response = GetRelationshipsResponse.newBuilder();
      for (String other : request.getOtherIdsList()) {
        response.addRelationships(
            Relationship.newBuilder()
                .setUserId(other)
                .setFollowing(follows(request.getUserId(), other))
                .setFollowedBy(follows(other, request.getUserId()))
                .setBlocking(has(blocking, request.getUserId(), other))
                .setBlockedBy(has(blocking, other, request.getUserId()))
                .setMuting(has(muting, request.getUserId(), other)));
      }
      return response.build();
    }

    private boolean follows(String a, String b) {
      return following.getOrDefault(a, Map.of()).containsKey(b);
    }

    @Override
    public synchronized ListFollowsResponse listFollowers(ListFollowsRequest request) {
      Map<String, Long> followers = new HashMap<>();
      following.forEach(
          (follower, followees) -> {
            Long seq = followees.get(request.getUserId());
            if (seq != null) {
              followers.put(follower, seq);
            }
          });
      return page(followers, request);
    }

    @Override
    public synchronized ListFollowsResponse listFollowing(ListFollowsRequest request) {
      return page(following.getOrDefault(request.getUserId(), Map.of()), request);
    }

    private static ListFollowsResponse page(Map<String, Long> entries, ListFollowsRequest request) {
      int offset = 0;
      if (!request.getCursor().isEmpty()) {
        if (!request.getCursor().matches("o[0-9]{1,6}")) {
          throw VentException.invalid(
              "INVALID_CURSOR", "the cursor was not issued by this service");
        }
        offset = Integer.parseInt(request.getCursor().substring(1));
      }
      int limit = request.getLimit() == 0 ? 20 : request.getLimit();
      List<Map.Entry<String, Long>> newestFirst =
          entries.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .toList();
      ListFollowsResponse.Builder response = ListFollowsResponse.newBuilder();
      for (int i = offset; i < Math.min(newestFirst.size(), offset + limit); i++) {
        response.addEntries(
            FollowEntry.newBuilder().setUserId(newestFirst.get(i).getKey()).setFollowedAtMs(i));
      }
      if (offset + limit < newestFirst.size()) {
        response.setNextCursor("o" + (offset + limit));
      }
      return response.build();
    }

    @Override
    public synchronized GetCountsResponse getCounts(GetCountsRequest request) {
      GetCountsResponse.Builder response = GetCountsResponse.newBuilder();
      for (String id : request.getUserIdsList()) {
        long followers = following.values().stream().filter(f -> f.containsKey(id)).count();
        response.addCounts(
            FollowCounts.newBuilder()
                .setUserId(id)
                .setFollowers(followers)
                .setFollowing(following.getOrDefault(id, Map.of()).size()));
      }
      return response.build();
    }

    @Override
    public synchronized SuggestFollowsResponse suggestFollows(SuggestFollowsRequest request) {
      String me = request.getUserId();
      Map<String, Long> mine = following.getOrDefault(me, Map.of());
      Map<String, Integer> mutual = new HashMap<>();
      for (String followee : mine.keySet()) {
        for (String candidate : following.getOrDefault(followee, Map.of()).keySet()) {
          if (!candidate.equals(me) && !mine.containsKey(candidate)) {
            mutual.merge(candidate, 1, Integer::sum);
          }
        }
      }
      int limit = request.getLimit() == 0 ? 20 : request.getLimit();
      return SuggestFollowsResponse.newBuilder()
          .addAllSuggestions(
              mutual.entrySet().stream()
                  .sorted(
                      Map.Entry.<String, Integer>comparingByValue()
                          .reversed()
                          .thenComparing(Map.Entry.comparingByKey()))
                  .limit(limit)
                  .map(
                      e ->
                          Suggestion.newBuilder()
                              .setUserId(e.getKey())
                              .setMutualCount(e.getValue())
                              .build())
                  .collect(Collectors.toList()))
          .build();
    }
  }

  public final class Auth extends DubboAuthServiceTriple.AuthServiceImplBase {
    public final List<String> loggedOut = new ArrayList<>();
    public String lastClientIp;

    /**
     * Users whose password checks need a solved captcha (as after 3 failures in the real provider).
     */
    public final java.util.Set<String> captchaRequired =
        java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void checkCaptcha(String userId, String captchaId, String captchaAnswer) {
      if (!captchaRequired.contains(userId)) {
        return;
      }
      if (captchaId.isEmpty() || captchaAnswer.isEmpty()) {
        throw new VentException(
            ErrorKind.FAILED_PRECONDITION, "CAPTCHA_REQUIRED", "solve a captcha");
      }
      if (!captchaAnswer.equals(CAPTCHA_ANSWER)) {
        throw VentException.invalid("CAPTCHA_INVALID", "the captcha answer is wrong");
      }
    }

    @Override
    public TokenPair changePassword(ChangePasswordRequest request) {
      checkCaptcha(request.getUserId(), request.getCaptchaId(), request.getCaptchaAnswer());
      User user = users.byId.get(request.getUserId());
      if (user == null || !request.getCurrentPassword().equals(PASSWORD)) {
        throw new VentException(ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS", "wrong password");
      }
      return tokens(user);
    }

    @Override
    public RegisterResponse register(RegisterRequest request) {
      if (!request.getCaptchaAnswer().equals(CAPTCHA_ANSWER)) {
        throw VentException.invalid("CAPTCHA_INVALID", "the captcha answer is wrong");
      }
      if (request.getPassword().length() < 8) {
        throw VentException.invalid("INVALID_PASSWORD", "password must be 8-72 bytes");
      }
      User user = users.create(request.getUsername(), request.getDisplayName());
      return RegisterResponse.newBuilder().setUser(user).setTokens(tokens(user)).build();
    }

    @Override
    public TokenPair login(LoginRequest request) {
      lastClientIp = request.getClientIp();
      try {
        User user =
            users.getUserByUsername(
                GetUserByUsernameRequest.newBuilder().setUsername(request.getUsername()).build());
        if (request.getPassword().equals(PASSWORD)) {
          return tokens(user);
        }
      } catch (VentException notFound) {
        // Same answer as a wrong password.
      }
      throw new VentException(
          ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS", "wrong username or password");
    }

    @Override
    public TokenPair refresh(RefreshRequest request) {
      throw new VentException(
          ErrorKind.UNAUTHENTICATED, "REFRESH_TOKEN_INVALID", "unknown refresh token");
    }

    @Override
    public synchronized LogoutResponse logout(LogoutRequest request) {
      loggedOut.add(request.getUserId() + "/" + request.getSessionId());
      return LogoutResponse.newBuilder().setEnded(true).build();
    }

    /** Deletes the user and, as the UserDeleted event would reach vent-web's tail, records it. */
    @Override
    public DeleteAccountResponse deleteAccount(DeleteAccountRequest request) {
      if (request.getUserId().isEmpty() || request.getPassword().isEmpty()) {
        throw VentException.invalid("MISSING_FIELD", "user_id and password are required");
      }
      checkCaptcha(request.getUserId(), request.getCaptchaId(), request.getCaptchaAnswer());
      if (!request.getPassword().equals(PASSWORD) || !users.byId.containsKey(request.getUserId())) {
        throw new VentException(ErrorKind.UNAUTHENTICATED, "INVALID_CREDENTIALS", "wrong password");
      }
      users.delete(request.getUserId());
      deletedUsers.add(request.getUserId(), System.currentTimeMillis());
      return DeleteAccountResponse.getDefaultInstance();
    }

    @Override
    public GetJwksResponse getJwks(GetJwksRequest request) {
      return GetJwksResponse.newBuilder().setJwksJson(TestKeys.jwks(signingKey)).build();
    }

    private TokenPair tokens(User user) {
      return TokenPair.newBuilder()
          .setAccessToken(tokenOf(user))
          .setRefreshToken("refresh-" + user.getId())
          .setExpiresInSeconds(900)
          .setRefreshExpiresInSeconds(2_592_000)
          .setSessionId("session-" + user.getId())
          .build();
    }
  }

  public static final class Captchas extends DubboCaptchaServiceTriple.CaptchaServiceImplBase {
    @Override
    public Captcha createCaptcha(CreateCaptchaRequest request) {
      return Captcha.newBuilder()
          .setId("0123456789abcdef0123456789abcdef")
          .setPng(ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}))
          .setExpiresAtMs(4_102_444_800_000L)
          .build();
    }
  }

  /** Inboxes: newest entry first; cursors are {@code o<offset>} like the fake relation lists. */
  public static final class Notifications
      extends DubboNotificationServiceTriple.NotificationServiceImplBase {
    private final Map<String, List<Notification>> inboxes = new HashMap<>();

    /** Puts "actor followed owner" on top of owner's inbox, unread. */
    public synchronized void followed(String ownerId, String actorId, long atMs) {
      inboxes
          .computeIfAbsent(ownerId, k -> new ArrayList<>())
          .add(
              0,
              Notification.newBuilder()
                  .setKind(Notification.Kind.FOLLOWED)
                  .setActorId(actorId)
                  .setAtMs(atMs)
                  .build());
    }

    /** Puts "actor mentioned owner in ventId" on top of owner's inbox, unread. */
    public synchronized void mentioned(String ownerId, String actorId, String ventId, long atMs) {
      inboxes
          .computeIfAbsent(ownerId, k -> new ArrayList<>())
          .add(
              0,
              Notification.newBuilder()
                  .setKind(Notification.Kind.MENTIONED)
                  .setActorId(actorId)
                  .setVentId(ventId)
                  .setAtMs(atMs)
                  .build());
    }

    @Override
    public synchronized ListNotificationsResponse listNotifications(
        ListNotificationsRequest request) {
      List<Notification> inbox = inboxes.getOrDefault(request.getUserId(), List.of());
      int offset = 0;
      if (!request.getCursor().isEmpty()) {
        if (!request.getCursor().matches("o[0-9]{1,6}")) {
          throw VentException.invalid(
              "INVALID_CURSOR", "the cursor was not issued by this service");
        }
        offset = Integer.parseInt(request.getCursor().substring(1));
      }
      int limit = request.getLimit() == 0 ? 20 : request.getLimit();
      ListNotificationsResponse.Builder response =
          ListNotificationsResponse.newBuilder()
              .addAllNotifications(
                  inbox.subList(
                      Math.min(offset, inbox.size()), Math.min(offset + limit, inbox.size())))
              .setUnreadCount(inbox.stream().filter(n -> !n.getRead()).count());
      if (offset + limit < inbox.size()) {
        response.setNextCursor("o" + (offset + limit));
      }
      return response.build();
    }

    @Override
    public synchronized MarkNotificationsReadResponse markNotificationsRead(
        MarkNotificationsReadRequest request) {
      List<Notification> inbox = inboxes.getOrDefault(request.getUserId(), new ArrayList<>());
      long marked = inbox.stream().filter(n -> !n.getRead()).count();
      inbox.replaceAll(n -> n.toBuilder().setRead(true).build());
      return MarkNotificationsReadResponse.newBuilder().setMarked(marked).build();
    }
  }

  /**
   * Vents: visibility by audience over the fake follow graph; pages newest first with cursors
   * {@code o<offset>} like the fake relation lists. Texts are checked as the IDL says, without NFC.
   */
  public final class Posts extends DubboPostServiceTriple.PostServiceImplBase {
    /** Newest last. */
    private final List<Vent> vents = new ArrayList<>();

    private final AtomicLong sequence = new AtomicLong();

    @Override
    public synchronized Vent createVent(CreateVentRequest request) {
      String text = request.getText();
      if (text.isBlank()
          || text.codePointCount(0, text.length()) > 500
          || !Formats.matches(Format.MULTI_LINE_TEXT, text)) {
        throw VentException.invalid("INVALID_TEXT", "text must be 1-500 characters");
      }
      if (request.getAudience() == Audience.AUDIENCE_UNSPECIFIED
          || request.getAudience() == Audience.UNRECOGNIZED) {
        throw VentException.invalid("INVALID_AUDIENCE", "no audience");
      }
      int expiry = request.getExpiresInSeconds();
      if (expiry != 0 && (expiry < 3_600 || expiry > 2_592_000)) {
        throw VentException.invalid("INVALID_EXPIRY", "expires_in_seconds out of range");
      }
      long n = sequence.incrementAndGet();
      long createdAtMs = 1_700_000_000_000L + n * 1000;
      Vent vent =
          Vent.newBuilder()
              .setId(request.getAuthorId() + "-" + Long.toString(n, 36))
              .setAuthorId(request.getAuthorId())
              .setText(text)
              .setAudience(request.getAudience())
              .setCreatedAtMs(createdAtMs)
              .setExpiresAtMs(expiry == 0 ? 0 : createdAtMs + expiry * 1000L)
              .build();
      vents.add(vent);
      return vent;
    }

    @Override
    public synchronized Vent getVent(GetVentRequest request) {
      return vents.stream()
          .filter(v -> v.getId().equals(request.getVentId()))
          .filter(v -> visible(v, request.getViewerId()))
          .findFirst()
          .orElseThrow(() -> VentException.notFound("VENT_NOT_FOUND", "no such vent"));
    }

    @Override
    public synchronized DeleteVentResponse deleteVent(DeleteVentRequest request) {
      boolean removed =
          vents.removeIf(
              v ->
                  v.getId().equals(request.getVentId())
                      && v.getAuthorId().equals(request.getAuthorId()));
      if (!removed) {
        throw VentException.notFound("VENT_NOT_FOUND", "no such vent");
      }
      return DeleteVentResponse.getDefaultInstance();
    }

    @Override
    public synchronized VentPage listUserVents(ListUserVentsRequest request) {
      return page(
          v -> v.getAuthorId().equals(request.getAuthorId()) && visible(v, request.getViewerId()),
          request.getLimit(),
          request.getCursor());
    }

    @Override
    public synchronized VentPage getHomeTimeline(GetHomeTimelineRequest request) {
      String me = request.getUserId();
      return page(
          v ->
              (v.getAuthorId().equals(me) || relations.follows(me, v.getAuthorId()))
                  && visible(v, me),
          request.getLimit(),
          request.getCursor());
    }

    private boolean visible(Vent vent, String viewer) {
      String author = vent.getAuthorId();
      if (author.equals(viewer)) {
        return true;
      }
      return switch (vent.getAudience()) {
        case PUBLIC -> true;
        case FOLLOWERS -> !viewer.isEmpty() && relations.follows(viewer, author);
        case MUTUALS ->
            !viewer.isEmpty()
                && relations.follows(viewer, author)
                && relations.follows(author, viewer);
        default -> false;
      };
    }

    private VentPage page(
        java.util.function.Predicate<Vent> filter, int requestedLimit, String cursor) {
      int offset = 0;
      if (!cursor.isEmpty()) {
        if (!cursor.matches("o[0-9]{1,6}")) {
          throw VentException.invalid(
              "INVALID_CURSOR", "the cursor was not issued by this service");
        }
        offset = Integer.parseInt(cursor.substring(1));
      }
      int limit = requestedLimit == 0 ? 20 : requestedLimit;
      List<Vent> newestFirst = new ArrayList<>(vents.stream().filter(filter).toList());
      java.util.Collections.reverse(newestFirst);
      VentPage.Builder page =
          VentPage.newBuilder()
              .addAllVents(
                  newestFirst.subList(
                      Math.min(offset, newestFirst.size()),
                      Math.min(offset + limit, newestFirst.size())));
      if (offset + limit < newestFirst.size()) {
        page.setNextCursor("o" + (offset + limit));
      }
      return page.build();
    }
  }
}
