package vent.provider.user.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vent.provider.user.domain.UserRulesTest.assertInvalid;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vent.common.error.ErrorKind;
import vent.common.error.VentException;

class UserUseCasesTest {

  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
  private final UserUseCases users = new UserUseCases(new InMemoryUserRepository(), clock);

  @Test
  void createStoresLowerCaseUsernameAndTimestamps() {
    UserProfile p = users.create("Alice", "Alice A.", null);
    assertThat(p.username()).isEqualTo("alice");
    assertThat(p.bio()).isEmpty();
    assertThat(p.createdAtMs()).isEqualTo(1_700_000_000_000L).isEqualTo(p.updatedAtMs());
    assertThat(users.getByUsername("ALICE")).isEqualTo(p);
    assertThat(users.get(p.id())).isEqualTo(p);
  }

  @Test
  void createValidatesEveryField() {
    assertInvalid(() -> users.create("al", "A", ""), "INVALID_USERNAME");
    assertInvalid(() -> users.create("alice", "", ""), "INVALID_DISPLAY_NAME");
    assertInvalid(() -> users.create("alice", "A", "x".repeat(161)), "INVALID_BIO");
  }

  @Test
  void takenUsernameIsAlreadyExistsInAnyCase() {
    users.create("bob", "Bob", "");
    assertThatThrownBy(() -> users.create("BoB", "Other", ""))
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
              assertThat(e.reason()).isEqualTo("USERNAME_TAKEN");
            });
  }

  @Test
  void unknownUsersAreNotFound() {
    assertNotFound(() -> users.get("999"));
    assertNotFound(() -> users.getByUsername("nobody"));
    assertNotFound(() -> users.update("999", new ProfileUpdate("X", null)));
    assertInvalid(() -> users.get("abc"), "INVALID_USER_ID");
  }

  @Test
  void updateChangesOnlyGivenFields() {
    UserProfile p = users.create("carol", "Carol", "hi");
    assertThat(users.update(p.id(), new ProfileUpdate(null, "new bio")))
        .extracting(UserProfile::displayName, UserProfile::bio)
        .containsExactly("Carol", "new bio");
    assertThat(users.update(p.id(), new ProfileUpdate("C", null)))
        .extracting(UserProfile::displayName, UserProfile::bio)
        .containsExactly("C", "new bio");
    assertThat(users.update(p.id(), new ProfileUpdate(null, "")))
        .extracting(UserProfile::bio)
        .isEqualTo("");
    assertThat(users.update(p.id(), new ProfileUpdate(null, null))).isEqualTo(users.get(p.id()));
    assertInvalid(() -> users.update(p.id(), new ProfileUpdate("", null)), "INVALID_DISPLAY_NAME");
    assertInvalid(() -> users.update(p.id(), new ProfileUpdate(null, "\u0007")), "INVALID_BIO");
  }

  @Test
  void deleteIsIdempotent() {
    UserProfile p = users.create("dave", "Dave", "");
    assertThat(users.delete(p.id())).isTrue();
    assertThat(users.delete(p.id())).isFalse();
    assertThat(users.create("dave", "Dave again", "").id()).isNotEqualTo(p.id());
  }

  @Test
  void batchGetLimitsAndValidates() {
    List<String> ids = new ArrayList<>(Collections.nCopies(501, "1"));
    assertInvalid(() -> users.batchGet(ids), "TOO_MANY_IDS");
    assertInvalid(() -> users.batchGet(List.of("1", "x")), "INVALID_USER_ID");
    assertThat(users.batchGet(List.of())).isEmpty();
    assertThat(users.batchGet(Collections.nCopies(500, "1"))).isEmpty();
  }

  @Test
  void ensureUsersDeduplicatesAfterLowerCasing() {
    users.create("erin", "Erin", "");
    EnsureResult r = users.ensureUsers(List.of("Frank", "erin", "FRANK", "grace"));
    assertThat(r.users())
        .extracting(EnsuredUser::username)
        .containsExactly("frank", "erin", "grace");
    assertThat(r.users()).extracting(EnsuredUser::created).containsExactly(true, false, true);
    assertThat(r.created()).isEqualTo(2);
    assertThat(users.getByUsername("frank").displayName()).isEqualTo("frank");
    assertThat(users.ensureUsers(List.of()).users()).isEmpty();
  }

  @Test
  void importedGraphNamesMayBeShorterThanRegistrationAllows() {
    assertInvalid(() -> users.create("u3", "U3", ""), "INVALID_USERNAME");
    String id = users.ensureUsers(List.of("u3")).users().get(0).id();
    assertThat(users.getByUsername("U3").id()).isEqualTo(id);
    assertInvalid(() -> users.ensureUsers(List.of("")), "INVALID_USERNAME");
  }

  @Test
  void ensureUsersLimitsAndValidatesBeforeWriting() {
    List<String> many = IntStream.range(0, 1001).mapToObj(i -> "user" + i).toList();
    assertInvalid(() -> users.ensureUsers(many), "TOO_MANY_IDS");
    assertInvalid(() -> users.ensureUsers(List.of("okname", "x-y")), "INVALID_USERNAME");
    assertNotFound(() -> users.getByUsername("okname"));
    assertThat(users.ensureUsers(many.subList(0, 1000)).created()).isEqualTo(1000);
  }

  private static void assertNotFound(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            VentException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.reason()).isEqualTo("USER_NOT_FOUND");
            });
  }
}
