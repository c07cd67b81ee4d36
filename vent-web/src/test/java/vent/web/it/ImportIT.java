package vent.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vent.common.testing.Eventually;

/**
 * Imports the real wiki-Vote graph through {@code ./vent import} (batched RPCs through the
 * providers) and checks the counts the REST API serves against counts computed here from the file;
 * a second import changes nothing.
 */
@SharedStack
class ImportIT {

  private static final Pattern SUMMARY =
      Pattern.compile(
          "import done: users created=(\\d+) follows written=(\\d+) edges read=(\\d+) seconds=([0-9.]+) rate=(\\d+) follows/s");

  private static Stack stack;
  private static Rest rest;
  private static Path file;
  private static final Map<String, Integer> followers = new HashMap<>();
  private static final Map<String, Integer> following = new HashMap<>();
  private static int edges;

  @BeforeAll
  static void countTheFile(Stack shared) throws IOException {
    stack = shared;
    rest = new Rest(stack.api());
    file = stack.home().resolve("docs/datasets/wiki-Vote.txt");
    Set<String> seen = new HashSet<>();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] ab = trimmed.split("\\s+");
      if (seen.add(ab[0] + ">" + ab[1])) {
        following.merge(ab[0], 1, Integer::sum);
        followers.merge(ab[1], 1, Integer::sum);
        followers.putIfAbsent(ab[0], 0);
        following.putIfAbsent(ab[1], 0);
      }
    }
    edges = seen.size();
  }

  @Test
  void importedCountsMatchTheFileAndASecondImportChangesNothing() throws InterruptedException {
    Matcher first = runImport();
    assertThat(Integer.parseInt(first.group(1))).as("users created").isEqualTo(followers.size());
    assertThat(Integer.parseInt(first.group(2))).as("follows written").isEqualTo(edges);
    assertThat(Integer.parseInt(first.group(3))).as("edges read").isEqualTo(edges);
    System.out.printf(
        "event=wiki_vote_import users=%s follows=%s seconds=%s rate=%s%n",
        first.group(1), first.group(2), first.group(4), first.group(5));

    List<String> sample = sample();
    Map<String, JsonNode> before = new HashMap<>();
    // Following counts are the importing side's, exact at once; follower counts converge as the
    // relation hand-off applies the import's Followed events (bounded, never approximate).
    Eventually.succeeds(
        "exact counts of the sample",
        Duration.ofSeconds(60),
        () -> {
          for (String node : sample) {
            JsonNode profile = profileOf(node);
            assertThat(profile.get("followersCount").asInt())
                .as("followers of u%s", node)
                .isEqualTo(followers.get(node));
            assertThat(profile.get("followingCount").asInt())
                .as("following of u%s", node)
                .isEqualTo(following.get(node));
            before.put(node, profile);
          }
        });

    Matcher second = runImport();
    assertThat(second.group(1)).as("users created by a second import").isEqualTo("0");
    assertThat(second.group(2)).as("follows written by a second import").isEqualTo("0");
    for (String node : sample) {
      assertThat(profileOf(node)).as("u%s after a second import", node).isEqualTo(before.get(node));
    }
  }

  /** The most-followed user, the one following most, and 60 random others. */
  private static List<String> sample() {
    List<String> nodes = new ArrayList<>(followers.keySet());
    Collections.sort(nodes);
    String top =
        Collections.max(nodes, (a, b) -> Integer.compare(followers.get(a), followers.get(b)));
    String fan =
        Collections.max(nodes, (a, b) -> Integer.compare(following.get(a), following.get(b)));
    Collections.shuffle(nodes, new Random(42));
    List<String> sample = new ArrayList<>(List.of(top, fan));
    nodes.stream().filter(n -> !n.equals(top) && !n.equals(fan)).limit(60).forEach(sample::add);
    assertThat(followers.get(top)).isEqualTo(457);
    return sample;
  }

  private static JsonNode profileOf(String node) {
    Rest.Response byName = rest.get("/users?username=u" + node, null);
    assertThat(byName.status()).as(byName.raw()).isEqualTo(200);
    Rest.Response profile = rest.get("/users/" + byName.json().get("id").asText(), null);
    assertThat(profile.status()).as(profile.raw()).isEqualTo(200);
    return profile.json();
  }

  private static Matcher runImport() {
    Stack.Result result = stack.vent(Duration.ofMinutes(10), "import", file.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    Matcher m = SUMMARY.matcher(result.output());
    assertThat(m.find()).as("summary line in:\n%s", result.output()).isTrue();
    return m;
  }
}
