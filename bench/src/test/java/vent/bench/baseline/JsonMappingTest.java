package vent.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profile hash (as the user provider stores it) to the JSON vent-web answers. */
class JsonMappingTest {

  /** Dropwizard's mapper, which both vent-web and the baseline serialise responses with. */
  private final ObjectMapper json = Jackson.newObjectMapper();

  private static Map<String, String> hash(String id, String createdAtMs) {
    return Map.of(
        "id",
        id,
        "username",
        "alice",
        "displayName",
        "Alice A.",
        "bio",
        "hi\nthere",
        "createdAtMs",
        createdAtMs,
        "updatedAtMs",
        "1700000099999");
  }

  @Test
  void profileHashWithCountsIsVentWebsProfileJson() throws Exception {
    UserJson user = UserJson.fromHash(hash("42", "1700000000123")).orElseThrow();

    assertThat(json.writeValueAsString(ProfileJson.of(user, 7, 3)))
        .isEqualTo(
            "{\"id\":\"42\",\"username\":\"alice\",\"displayName\":\"Alice A.\",\"bio\":\"hi\\nthere\","
                + "\"createdAt\":\"2023-11-14T22:13:20.123Z\",\"followersCount\":7,\"followingCount\":3}");
  }

  @Test
  void wholeSecondsPrintWithoutMillisecondsAsInstantToStringDoes() {
    assertThat(UserJson.fromHash(hash("42", "1700000000000")).orElseThrow().createdAt())
        .isEqualTo("2023-11-14T22:13:20Z");
  }

  @Test
  void missingFieldsReadAsEmptyAndTimeZeroAsTheProviderReadsThem() {
    assertThat(UserJson.fromHash(Map.of("id", "5", "username", "u5")))
        .contains(new UserJson("5", "u5", "", "", "1970-01-01T00:00:00Z"));
  }

  @Test
  void noKeyOrNoIdFieldIsNoUser() {
    assertThat(UserJson.fromHash(Map.of())).isEmpty();
    assertThat(UserJson.fromHash(Map.of("username", "ghost", "createdAtMs", "1"))).isEmpty();
  }

  @Test
  void lastPageCarriesAnExplicitNullCursor() throws Exception {
    UserJson user = new UserJson("2", "bob", "Bob", "", "2023-11-14T22:13:20Z");

    assertThat(json.writeValueAsString(new PageJson<>(List.of(user), null)))
        .isEqualTo(
            "{\"items\":[{\"id\":\"2\",\"username\":\"bob\",\"displayName\":\"Bob\",\"bio\":\"\","
                + "\"createdAt\":\"2023-11-14T22:13:20Z\"}],\"nextCursor\":null}");
  }

  @Test
  void problemsOmitAbsentErrors() throws Exception {
    Problem problem = ProblemException.userNotFound("9").toProblem("/api/v1/users/9");

    assertThat(json.writeValueAsString(problem))
        .isEqualTo(
            "{\"type\":\"urn:vent:problem:user-not-found\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no user with id 9\",\"code\":\"USER_NOT_FOUND\",\"instance\":\"/api/v1/users/9\"}");
  }
}
