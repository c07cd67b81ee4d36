package vent.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * With generated tokens: puts the policy {@code vent} (the topology's {@code consul.aclPolicy}
 * file) in place with the management token, and creates the processes' token with it where absent.
 */
final class ConsulAcl {

  private final Context c;

  ConsulAcl(Context c) {
    this.c = c;
  }

  void ensure() throws IOException {
    if (!c.secrets.consul) {
      return;
    }
    ConsulApi consul = c.consul();
    String policyFile = c.topology.consul().aclPolicy();
    String id = "";
    ConsulApi.Answer existing = consul.get("/v1/acl/policy/name/vent");
    if (existing.status() == 200) {
      JsonNode node = ConsulApi.JSON.readTree(existing.body());
      id = node.path("ID").asText("");
    }
    ConsulApi.Answer put =
        consul.put("/v1/acl/policy" + (id.isEmpty() ? "" : "/" + id), Up.policyBody(c));
    if (put.status() != 200) {
      throw new Up.StartFailed(
          "could not put the Consul ACL policy vent from "
              + policyFile
              + " (HTTP "
              + put.status()
              + ")");
    }
    String accessor = c.secrets.get("CONSUL_VENT_ACCESSOR");
    if (consul.get("/v1/acl/token/" + accessor).status() == 200) {
      return;
    }
    ObjectNode token = ConsulApi.JSON.createObjectNode();
    token.put("AccessorID", accessor);
    token.put("SecretID", c.secrets.processConsulToken(c.settings));
    token.put("Description", "Vent processes");
    token.putArray("Policies").addObject().put("Name", "vent");
    ConsulApi.Answer created = consul.put("/v1/acl/token", token.toString());
    if (created.status() != 200) {
      throw new Up.StartFailed(
          "could not create the Vent processes' Consul ACL token (HTTP " + created.status() + ")");
    }
    Out.say("Consul ACLs: policy vent (" + policyFile + ") and the processes' token created");
  }
}
