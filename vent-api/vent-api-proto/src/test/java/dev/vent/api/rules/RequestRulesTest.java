package dev.vent.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.auth.v1.RegisterRequest;
import dev.vent.captcha.v1.VerifyCaptchaRequest;
import dev.vent.relation.v1.BatchFollowRequest;
import dev.vent.relation.v1.Edge;
import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.relation.v1.ListFollowsRequest;
import dev.vent.user.v1.CreateUserRequest;
import dev.vent.user.v1.UpdateUserRequest;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

  private static CreateUserRequest user(String username, String displayName, String bio) {
    return CreateUserRequest.newBuilder()
        .setUsername(username)
        .setDisplayName(displayName)
        .setBio(bio)
        .build();
  }

  @Test
  void aValidRequestPasses() {
    assertThat(RequestRules.violations(user("Alice_1", "Alice 🐱", "line\nline"))).isEmpty();
  }

  @Test
  void usernamesFollowTheFormat() {
    assertThat(RequestRules.firstViolation(user("ab", "A", "")))
        .contains(
            new Violation(
                "username",
                "INVALID_USERNAME",
                "username must be 3-30 characters of a-z, 0-9 and _"));
    assertThat(RequestRules.firstViolation(user("a".repeat(31), "A", ""))).isPresent();
    assertThat(RequestRules.firstViolation(user("no spaces", "A", ""))).isPresent();
    // The Kelvin sign lower-cases to k in Java; the format is ASCII only.
    assertThat(RequestRules.firstViolation(user("\u212Aelvin", "A", ""))).isPresent();
  }

  @Test
  void displayNamesAreRequiredBoundedAndFreeOfFormatCharacters() {
    assertThat(RequestRules.firstViolation(user("alice", " ", "")).map(Violation::detail))
        .contains("display_name is required");
    assertThat(RequestRules.firstViolation(user("alice", "🐱".repeat(50), ""))).isEmpty();
    assertThat(
            RequestRules.firstViolation(user("alice", "x".repeat(51), "")).map(Violation::detail))
        .contains("display_name must be at most 50 characters");
    for (String bad : new String[] {"a\u202Eb", "a\u200Bb", "a\u0000b", "a\nb", "a\uD800b"}) {
      assertThat(RequestRules.firstViolation(user("alice", bad, "")).map(Violation::reason))
          .as("display name %s", bad.codePoints().boxed().toList())
          .contains("INVALID_DISPLAY_NAME");
    }
  }

  @Test
  void biosAllowNewlinesOnly() {
    assertThat(RequestRules.firstViolation(user("alice", "A", "one\ntwo"))).isEmpty();
    assertThat(RequestRules.firstViolation(user("alice", "A", "a\tb")).map(Violation::reason))
        .contains("INVALID_BIO");
    assertThat(RequestRules.firstViolation(user("alice", "A", "b".repeat(161)))).isPresent();
    for (String bad : new String[] {"a\rb", "a\u0085b", "a\u007Fb", "a\u202Eb", "a\uDC00b"}) {
      assertThat(RequestRules.firstViolation(user("alice", "A", bad)).map(Violation::reason))
          .as("bio %s", bad.codePoints().boxed().toList())
          .contains("INVALID_BIO");
    }
  }

  @Test
  void aHugeTextIsJudgedWithoutExhaustingTheStack() {
    // A pattern that recursed once per character overflowed the stack of a request thread here.
    String huge = "L\n".repeat(500_000);
    assertThat(RequestRules.firstViolation(user("alice", "A", huge)).map(Violation::detail))
        .contains("bio must be at most 160 characters");
    assertThat(RequestRules.firstViolation(user("alice", "x".repeat(1_000_000), "")))
        .map(Violation::reason)
        .contains("INVALID_DISPLAY_NAME");
  }

  @Test
  void unsetOptionalFieldsAreNotChecked() {
    assertThat(RequestRules.violations(UpdateUserRequest.newBuilder().setId("7").build()))
        .isEmpty();
    assertThat(
            RequestRules.firstViolation(
                    UpdateUserRequest.newBuilder().setId("7").setDisplayName("").build())
                .map(Violation::reason))
        .contains("INVALID_DISPLAY_NAME");
  }

  @Test
  void nestedAndRepeatedFieldsAreNamedByTheirPath() {
    BatchFollowRequest request =
        BatchFollowRequest.newBuilder()
            .addEdges(Edge.newBuilder().setFollowerId("1").setFolloweeId("2"))
            .addEdges(Edge.newBuilder().setFollowerId("1").setFolloweeId("02"))
            .build();
    assertThat(RequestRules.violations(request))
        .containsExactly(
            new Violation(
                "edges[1].followee_id",
                "INVALID_USER_ID",
                "edges[1].followee_id must be a decimal number of 1-19 digits without leading"
                    + " zeros"));
  }

  @Test
  void repeatedFieldsAreCountedFirst() {
    GetCountsRequest tooMany =
        GetCountsRequest.newBuilder().addAllUserIds(Collections.nCopies(501, "x")).build();
    assertThat(RequestRules.firstViolation(tooMany))
        .contains(
            new Violation("user_ids", "TOO_MANY_IDS", "at most 500 user_ids per call, got 501"));
  }

  @Test
  void everyViolationIsListed() {
    ListFollowsRequest request =
        ListFollowsRequest.newBuilder().setUserId("").setCursor("c".repeat(65)).build();
    assertThat(RequestRules.violations(request))
        .extracting(Violation::field, Violation::reason, Violation::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("user_id", "INVALID_USER_ID", "user_id is empty"),
            org.assertj.core.groups.Tuple.tuple(
                "cursor", "INVALID_CURSOR", "cursor must be at most 64 characters"));
  }

  @Test
  void passwordsAreCountedInUtf8Bytes() {
    RegisterRequest.Builder register = RegisterRequest.newBuilder();
    assertThat(RequestRules.firstViolation(register.setPassword("1234567").build()))
        .map(Violation::detail)
        .contains("password must be 8 to 72 bytes in UTF-8");
    assertThat(RequestRules.firstViolation(register.setPassword("é".repeat(36)).build())).isEmpty();
    assertThat(RequestRules.firstViolation(register.setPassword("é".repeat(37)).build()))
        .isPresent();
  }

  @Test
  void requiredFieldsRefuseBlankValues() {
    assertThat(
            RequestRules.firstViolation(
                VerifyCaptchaRequest.newBuilder().setId("abc").setAnswer(" ").build()))
        .contains(new Violation("answer", "MISSING_FIELD", "answer is required"));
  }

  @Test
  void aNewPasswordFollowsTheRegistrationRule() {
    assertThat(
            FieldRule.of(dev.vent.auth.v1.ChangePasswordRequest.getDescriptor(), "new_password")
                .rules())
        .isEqualTo(FieldRule.of(RegisterRequest.getDescriptor(), "password").rules());
  }

  @Test
  void userIdFieldsOfEveryServiceShareOneRule() {
    FieldRule reference = FieldRule.of(dev.vent.user.v1.GetUserRequest.getDescriptor(), "id");
    assertThat(
            FieldRule.of(dev.vent.relation.v1.FollowRequest.getDescriptor(), "followee_id").rules())
        .isEqualTo(reference.rules());
    assertThat(FieldRule.of(Edge.getDescriptor(), "follower_id").rules())
        .isEqualTo(reference.rules());
  }
}
