package vent.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vent.user.v1.User;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ExternalLoggingFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vent.web.VentWebApplication;
import vent.web.VentWebConfiguration;
import vent.web.errors.ProblemErrorHandler;
import vent.web.limits.ClientIps;
import vent.web.testing.FakeProviders;
import vent.web.testing.TestApi;

/**
 * {@link RequestIdFilter} in a real Jetty and servlet container in front of vent-web's Jersey
 * components (over fake providers), registered as {@code VentWebApplication} does: the header on a
 * success and on errors the mappers answer, the body's {@code traceId} equal to it, and a trusted
 * caller's id (the test client connects from 127.0.0.1, the trusted proxy here) kept.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RequestIdServletTest {

  private static final FakeProviders FAKES = new FakeProviders();
  private static final DropwizardAppExtension<Configuration> APP =
      new DropwizardAppExtension<>(App.class, config());
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** vent-web's Jersey components without Sentinel, behind the request-id filter. */
  public static final class App extends Application<Configuration> {
    @Override
    protected void bootstrapLogging() {
      // Keep logback-test.xml.
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
      VentWebApplication.strictJson(environment.getObjectMapper());
      // As VentWebApplication: problems for what Jetty answers itself.
      environment
          .getApplicationContext()
          .setErrorHandler(new ProblemErrorHandler(environment.getObjectMapper()));
      environment
          .lifecycle()
          .addEventListener(
              new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                  if (event instanceof Server server) {
                    server.setErrorHandler(new ProblemErrorHandler(environment.getObjectMapper()));
                  }
                }
              });
      TestApi.components(FAKES, new VentWebConfiguration.ApiSettings(), false)
          .forEach(environment.jersey()::register);
      environment
          .servlets()
          .addFilter(
              "request-id",
              new RequestIdFilter(ClientIps.trusting("127.0.0.1"), TraceIds::fromCurrentSpan))
          .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
      environment
          .healthChecks()
          .register(
              "none",
              new HealthCheck() {
                @Override
                protected Result check() {
                  return Result.healthy();
                }
              });
    }
  }

  private static Configuration config() {
    Configuration config = new Configuration();
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    server.setRegisterDefaultExceptionMappers(false);
    for (var connector :
        List.of(server.getApplicationConnectors().get(0), server.getAdminConnectors().get(0))) {
      ((HttpConnectorFactory) connector).setPort(0);
      ((HttpConnectorFactory) connector).setBindHost("127.0.0.1");
    }
    LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
    requestLog.setAppenders(List.of());
    server.setRequestLogFactory(requestLog);
    config.setLoggingFactory(new ExternalLoggingFactory());
    return config;
  }

  private static HttpResponse<String> get(String path, String requestId) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + path))
            .timeout(Duration.ofSeconds(10));
    if (requestId != null) {
      b.header("X-Request-Id", requestId);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSuccessCarriesANewId() throws Exception {
    User user = FAKES.addUser("traced_user");
    HttpResponse<String> r = get("/users/" + user.getId(), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
  }

  @Test
  void errorsCarryTheIdInTheHeaderAndAsTraceId() throws Exception {
    for (String path : List.of("/users/not-an-id", "/no/such/route")) {
      HttpResponse<String> r = get(path, null);
      assertThat(r.statusCode()).as(path).isBetween(400, 499);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      String id = r.headers().firstValue("X-Request-Id").orElseThrow();
      assertThat(id).matches("[0-9a-f]{32}");
      assertThat(JSON.readTree(r.body()).path("traceId").asText()).as(path).isEqualTo(id);
    }
  }

  @Test
  void aTrustedCallersIdIsKeptAndAMalformedOneIgnored() throws Exception {
    HttpResponse<String> kept = get("/users/not-an-id", "nginx-req.0af7651916cd43dd");
    assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("nginx-req.0af7651916cd43dd");
    assertThat(JSON.readTree(kept.body()).path("traceId").asText())
        .isEqualTo("nginx-req.0af7651916cd43dd");
    HttpResponse<String> ignored = get("/users/not-an-id", "<b>forged</b>");
    assertThat(ignored.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
  }

  /** Jetty refuses these before any filter runs; its error page is a problem with an id too. */
  @Test
  void whatJettyRefusesItselfCarriesAnIdToo() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + APP.getLocalPort() + "/users/x?q=" + "a".repeat(20_000)))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(JSON.readTree(r.body()).path("traceId").asText()).isEqualTo(id);
  }
}
