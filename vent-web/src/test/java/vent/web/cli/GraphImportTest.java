package vent.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vent.relation.v1.GetCountsRequest;
import dev.vent.user.v1.GetUserByUsernameRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vent.web.rpc.RelationClient;
import vent.web.rpc.UserClient;
import vent.web.testing.FakeProviders;

class GraphImportTest {

  @TempDir Path dir;
  private final FakeProviders fakes = new FakeProviders();

  private GraphImport importer(int userBatch, int edgeBatch) {
    return new GraphImport(
        new UserClient(fakes.users),
        new RelationClient(fakes.relations),
        userBatch,
        edgeBatch,
        2,
        false);
  }

  @Test
  void importsUsersAndEdgesInBatchesAndASecondRunChangesNothing() throws IOException {
    Path file = dir.resolve("graph.txt");
    StringBuilder text = new StringBuilder("# Directed graph\r\n# FromNodeId\tToNodeId\r\n");
    int edges = 0;
    for (int a = 100; a < 130; a++) {
      for (int b = 100; b < 130; b += 7) {
        if (a != b) {
          text.append(a).append('\t').append(b).append("\r\n");
          edges++;
        }
      }
    }
    Files.writeString(file, text);

    GraphImport.Summary first = importer(7, 11).run(file);
    assertThat(first.usersCreated()).isEqualTo(30);
    assertThat(first.followsWritten()).isEqualTo(edges);
    assertThat(first.edgesRead()).isEqualTo(edges);
    assertThat(fakes.relations.edgeCount()).isEqualTo(edges);
    String u100 =
        fakes
            .users
            .getUserByUsername(GetUserByUsernameRequest.newBuilder().setUsername("u100").build())
            .getId();
    var counts =
        fakes
            .relations
            .getCounts(GetCountsRequest.newBuilder().addUserIds(u100).build())
            .getCounts(0);
    assertThat(counts.getFollowing()).isEqualTo(4);
    assertThat(counts.getFollowers()).isEqualTo(29);

    GraphImport.Summary second = importer(1000, 5000).run(file);
    assertThat(second.usersCreated()).isZero();
    assertThat(second.followsWritten()).isZero();
    assertThat(second.edgesRead()).isEqualTo(edges);
  }

  @Test
  void theSummaryLineHasTheDocumentedShape() {
    String line = new GraphImport.Summary(7115, 103689, 103689, 4.21).line();
    assertThat(line)
        .isEqualTo(
            "import done: users created=7115 follows written=103689 edges read=103689 seconds=4.21 rate=24629 follows/s");
    assertThat(line)
        .matches(
            "import done: users created=(\\d+) follows written=(\\d+) edges read=(\\d+) seconds=([0-9.]+) rate=(\\d+) follows/s");
  }

  @Test
  void aMalformedLineStopsTheImportBeforeAnyCall() throws IOException {
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, "1 2\n3 x\n");
    assertThatThrownBy(() -> importer(10, 10).run(file))
        .hasMessage("line 2: node id must be 1-29 decimal digits, got \"x\"");
    assertThat(fakes.relations.edgeCount()).isZero();
  }
}
