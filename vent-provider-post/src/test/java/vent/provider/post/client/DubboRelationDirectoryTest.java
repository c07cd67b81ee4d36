package vent.provider.post.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.relation.v1.DubboRelationServiceTriple;
import dev.vent.relation.v1.GetRelationshipsRequest;
import dev.vent.relation.v1.GetRelationshipsResponse;
import dev.vent.relation.v1.RelationService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vent.provider.post.domain.Relationship;

/** The relation client asks in chunks the relation service accepts and answers for every id. */
class DubboRelationDirectoryTest {

  @Test
  void asksInChunksOfFiveHundredAndAnswersForEveryId() {
    List<Integer> sizes = new ArrayList<>();
    RelationService stub =
        new DubboRelationServiceTriple.RelationServiceImplBase() {
          @Override
          public GetRelationshipsResponse getRelationships(GetRelationshipsRequest request) {
            sizes.add(request.getOtherIdsCount());
            GetRelationshipsResponse.Builder out = GetRelationshipsResponse.newBuilder();
            for (String id : request.getOtherIdsList()) {
              // Every even id is followed and muted; odd ids are left out of the answer.
              if (Long.parseLong(id) % 2 == 0) {
                out.addRelationships(
                    dev.vent.relation.v1.Relationship.newBuilder()
                        .setUserId(id)
                        .setFollowing(true)
                        .setMuting(true));
              }
            }
            return out.build();
          }
        };
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 1200; i++) {
      ids.add(Integer.toString(i));
    }
    Map<String, Relationship> rels = new DubboRelationDirectory(() -> stub).relationships("9", ids);
    assertThat(sizes).containsExactly(500, 500, 200);
    assertThat(rels).hasSize(1200);
    assertThat(rels.get("2")).isEqualTo(new Relationship("2", true, false, false, false, true));
    assertThat(rels.get("3")).isEqualTo(Relationship.none("3"));
  }
}
