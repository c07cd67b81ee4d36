package vent.web.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.ecwid.consul.v1.ConsulClient;
import com.ecwid.consul.v1.Response;
import com.ecwid.consul.v1.agent.model.NewService;
import com.ecwid.consul.v1.agent.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What vent-web registers in Consul, without a Consul. */
class ConsulRegistrationTest {

  /** Nothing listens on port 1: every call fails at once. */
  private static final ConsulClient NO_CONSUL = new ConsulClient("127.0.0.1", 1);

  @Test
  void webAndMetricsServices() {
    List<NewService> services =
        new ConsulRegistration(NO_CONSUL, "web", "/health/ready", "/prometheus")
            .services(8080, 8081);

    NewService web = services.get(0);
    assertThat(web.getId()).isEqualTo("vent-web-web");
    assertThat(web.getName()).isEqualTo("vent-web");
    assertThat(web.getAddress()).isEqualTo("127.0.0.1");
    assertThat(web.getPort()).isEqualTo(8080);
    assertThat(web.getCheck().getHttp()).isEqualTo("http://127.0.0.1:8081/health/ready");
    assertThat(web.getCheck().getInterval()).isEqualTo("10s");
    assertThat(web.getCheck().getDeregisterCriticalServiceAfter()).isEqualTo("1m");

    NewService metrics = services.get(1);
    assertThat(metrics.getId()).isEqualTo("vent-metrics-vent-web-web");
    assertThat(metrics.getName()).isEqualTo("vent-metrics");
    assertThat(metrics.getPort()).isEqualTo(8081);
    assertThat(metrics.getTags()).containsExactly("application=vent-web", "instance=web");
    assertThat(metrics.getMeta())
        .containsEntry("path", "/prometheus")
        .containsEntry("application", "vent-web");
    assertThat(metrics.getCheck().getHttp()).isEqualTo("http://127.0.0.1:8081/prometheus");
    assertThat(metrics.getCheck().getDeregisterCriticalServiceAfter()).isEqualTo("1m");
  }

  @Test
  void metricsOffRegistersNoMetricsService() {
    assertThat(new ConsulRegistration(NO_CONSUL, "web", "/health/ready", null).services(1, 2))
        .extracting(NewService::getName)
        .containsExactly("vent-web");
  }

  @Test
  void aConsulThatIsDownNeitherThrowsNorStopsVentWeb() {
    ConsulRegistration registration =
        new ConsulRegistration(NO_CONSUL, "web", "/health/ready", "/prometheus");
    assertThatCode(registration::registerMissing).doesNotThrowAnyException();
    assertThatCode(registration::stop).doesNotThrowAnyException();
  }

  /** A local agent in memory: what is registered, and every register call. */
  private static final class FakeAgent extends ConsulClient {
    final Map<String, Service> services = new HashMap<>();
    final List<String> registerCalls = new ArrayList<>();

    FakeAgent() {
      super("127.0.0.1", 1);
    }

    @Override
    public Response<Map<String, Service>> getAgentServices() {
      return new Response<>(new HashMap<>(services), 0L, true, 0L);
    }

    @Override
    public Response<Void> agentServiceRegister(NewService service) {
      registerCalls.add(service.getId());
      Service s = new Service();
      s.setId(service.getId());
      s.setService(service.getName());
      s.setPort(service.getPort());
      services.put(service.getId(), s);
      return new Response<>(null, 0L, true, 0L);
    }

    @Override
    public Response<Void> agentServiceDeregister(String serviceId) {
      services.remove(serviceId);
      return new Response<>(null, 0L, true, 0L);
    }
  }

  @Test
  void registersWhatTheAgentLacksOnceAndDeregistersOnStop() {
    FakeAgent agent = new FakeAgent();
    ConsulRegistration registration =
        new ConsulRegistration(agent, "web", "/health/ready", "/prometheus");
    // As serverStarted would, without its background thread.
    registration.useServices(registration.services(8080, 8081));

    registration.registerMissing();
    registration.registerMissing();
    assertThat(agent.registerCalls).containsExactly("vent-web-web", "vent-metrics-vent-web-web");

    // Consul dropped vent-web after its check stayed critical: the next round puts it back.
    agent.services.remove("vent-web-web");
    registration.registerMissing();
    assertThat(agent.services).containsKeys("vent-web-web", "vent-metrics-vent-web-web");

    registration.stop();
    assertThat(agent.services).isEmpty();
  }
}
