package vent.provider.user.domain;

import java.util.List;

/**
 * Outcome of {@link UserUseCases#ensureUsers}.
 *
 * @param users one entry per distinct requested username, in order of first appearance
 * @param created how many of {@code users} this call created
 */
public record EnsureResult(List<EnsuredUser> users, int created) {

  public EnsureResult {
    users = List.copyOf(users);
  }

  /** Counts the created entries of {@code users}. */
  public static EnsureResult of(List<EnsuredUser> users) {
    int created = (int) users.stream().filter(EnsuredUser::created).count();
    return new EnsureResult(users, created);
  }
}
