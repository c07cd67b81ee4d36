package vent.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConsulHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode service(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void providersAreTaggedSideProviderOnARealPort() throws Exception {
    assertThat(
            ConsulHttp.isProvider(
                service("{\"Port\": 21880, \"Tags\": [\"dubbo\", \"side=provider\"]}")))
        .isTrue();
    assertThat(
            ConsulHttp.isProvider(
                service("{\"Port\": 21880, \"Tags\": [], \"Meta\": {\"side\": \"provider\"}}")))
        .isTrue();
    assertThat(ConsulHttp.isProvider(service("{\"Port\": 21880}"))).as("unmarked").isTrue();
  }

  @Test
  void consumersAndPortZeroEntriesAreNot() throws Exception {
    assertThat(ConsulHttp.isProvider(service("{\"Port\": 0, \"Tags\": [\"side=provider\"]}")))
        .isFalse();
    assertThat(ConsulHttp.isProvider(service("{\"Port\": 21880, \"Tags\": [\"side=consumer\"]}")))
        .isFalse();
    assertThat(
            ConsulHttp.isProvider(service("{\"Port\": 21880, \"Meta\": {\"side\": \"consumer\"}}")))
        .isFalse();
  }

  @Test
  void everyProviderHasOneConsulName() {
    assertThat(ProviderServices.CONSUL_NAMES)
        .containsOnlyKeys(
            "provider-user",
            "provider-relation",
            "provider-auth",
            "provider-captcha",
            "provider-post");
    assertThat(ProviderServices.CONSUL_NAMES.get("provider-user"))
        .isEqualTo(dev.vent.user.v1.UserService.class.getName());
  }
}
