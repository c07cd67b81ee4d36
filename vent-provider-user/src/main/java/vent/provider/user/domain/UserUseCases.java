package vent.provider.user.domain;

import dev.vent.user.v1.ErrorReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

/**
 * The user service's operations: validate input ({@link UserRules}), then read or write through a
 * {@link UserRepository}. Failures are {@link VentException}s with reasons from {@code
 * vent.user.v1.ErrorReason}; a store failure (e.g. Redis down) propagates unchanged.
 */
public final class UserUseCases {

  private static final Logger LOG = LoggerFactory.getLogger(UserUseCases.class);

  private final UserRepository repository;
  private final Clock clock;

  /**
   * @param clock source of {@code createdAtMs}/{@code updatedAtMs}
   */
  public UserUseCases(UserRepository repository, Clock clock) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a user; the username is stored lower-case.
   *
   * @param bio may be {@code null} or empty
   * @throws VentException INVALID_ARGUMENT (INVALID_USERNAME, INVALID_DISPLAY_NAME, INVALID_BIO),
   *     ALREADY_EXISTS (USERNAME_TAKEN) when another user has the username in any case
   */
  public UserProfile create(String username, String displayName, String bio) {
    String name = UserRules.normalizeUsername(username);
    String display = UserRules.checkDisplayName(displayName);
    String checkedBio = UserRules.checkBio(bio);
    UserProfile created =
        repository
            .create(name, display, checkedBio, clock.millis())
            .orElseThrow(
                () ->
                    new VentException(
                        ErrorKind.ALREADY_EXISTS,
                        ErrorReason.USERNAME_TAKEN.name(),
                        "username '" + name + "' is taken"));
    LOG.info("event=user_created userId={}", created.id());
    return created;
  }

  /**
   * @throws VentException INVALID_ARGUMENT (INVALID_USER_ID), NOT_FOUND (USER_NOT_FOUND)
   */
  public UserProfile get(String id) {
    String checked = UserRules.checkUserId(id);
    return repository.findById(checked).orElseThrow(() -> notFound("id " + checked));
  }

  /**
   * Reads up to {@value UserRules#BATCH_GET_MAX} users.
   *
   * @return found users in request order, unknown ids left out, duplicates kept
   * @throws VentException INVALID_ARGUMENT (TOO_MANY_IDS, INVALID_USER_ID for any bad id)
   */
  public List<UserProfile> batchGet(List<String> ids) {
    UserRules.checkBatchCount(ids.size());
    ids.forEach(UserRules::checkUserId);
    return ids.isEmpty() ? List.of() : repository.findByIds(ids);
  }

  /**
   * Case-insensitive lookup.
   *
   * @throws VentException INVALID_ARGUMENT (INVALID_USERNAME), NOT_FOUND (USER_NOT_FOUND)
   */
  public UserProfile getByUsername(String username) {
    String name = UserRules.normalizeImportedUsername(username);
    return repository.findByUsername(name).orElseThrow(() -> notFound("username '" + name + "'"));
  }

  /**
   * Changes the non-null fields of {@code update}; with none, returns the profile unchanged.
   *
   * @throws VentException INVALID_ARGUMENT (INVALID_USER_ID, INVALID_DISPLAY_NAME, INVALID_BIO),
   *     NOT_FOUND (USER_NOT_FOUND)
   */
  public UserProfile update(String id, ProfileUpdate update) {
    String checked = UserRules.checkUserId(id);
    ProfileUpdate valid =
        new ProfileUpdate(
            update.displayName() == null ? null : UserRules.checkDisplayName(update.displayName()),
            update.bio() == null ? null : UserRules.checkBio(update.bio()));
    if (valid.isEmpty()) {
      return get(checked);
    }
    UserProfile updated =
        repository
            .update(checked, valid, clock.millis())
            .orElseThrow(() -> notFound("id " + checked));
    LOG.info("event=user_updated userId={}", checked);
    return updated;
  }

  /**
   * Deletes the profile and frees its username. Idempotent.
   *
   * @return true when the user existed
   * @throws VentException INVALID_ARGUMENT (INVALID_USER_ID)
   */
  public boolean delete(String id) {
    String checked = UserRules.checkUserId(id);
    boolean deleted = repository.delete(checked);
    if (deleted) {
      LOG.info("event=user_deleted userId={}", checked);
    }
    return deleted;
  }

  /**
   * Get-or-create for imports: each username that does not exist yet becomes a user with display
   * name = username. Idempotent; safe under concurrent calls with overlapping names.
   *
   * @param usernames up to {@value UserRules#ENSURE_MAX}, any case, duplicates allowed
   * @return one entry per distinct normalised username, in order of first appearance
   * @throws VentException INVALID_ARGUMENT (TOO_MANY_IDS, INVALID_USERNAME for any bad name)
   */
  public EnsureResult ensureUsers(List<String> usernames) {
    UserRules.checkEnsureCount(usernames.size());
    Set<String> distinct = new LinkedHashSet<>();
    for (String raw : usernames) {
      distinct.add(UserRules.normalizeImportedUsername(raw));
    }
    if (distinct.isEmpty()) {
      return new EnsureResult(List.of(), 0);
    }
    EnsureResult result =
        EnsureResult.of(repository.ensure(new ArrayList<>(distinct), clock.millis()));
    if (result.created() > 0) {
      LOG.info("event=users_ensured requested={} created={}", distinct.size(), result.created());
    }
    return result;
  }

  private static VentException notFound(String what) {
    return VentException.notFound(ErrorReason.USER_NOT_FOUND.name(), "no user with " + what);
  }
}
