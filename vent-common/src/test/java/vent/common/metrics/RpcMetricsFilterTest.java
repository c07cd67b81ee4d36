package vent.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.rpc.AppResponse;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.RpcInvocation;
import org.apache.dubbo.rpc.TriRpcStatus;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.junit.jupiter.api.Test;

/** The Timers a call leaves behind, on success and on failure, on both sides. */
class RpcMetricsFilterTest {

  interface Greeter {}

  private static final URL PROVIDER = URL.valueOf("tri://127.0.0.1:20880/Greeter?side=provider");
  private static final URL CONSUMER = URL.valueOf("tri://127.0.0.1:20880/Greeter?side=consumer");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void successOnTheProviderSideIsAServerTimerWithStatusOk() {
    RpcMetricsFilter filter = new RpcMetricsFilter(true, registry);
    call(filter, PROVIDER, new AppResponse("hello"));

    Timer timer =
        registry
            .find(RpcMetricsFilter.SERVER)
            .tag("rpc_service", Greeter.class.getName())
            .tag("rpc_method", "greet")
            .tag("rpc_grpc_status_code", "OK")
            .timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(registry.find(RpcMetricsFilter.CLIENT).timer()).isNull();
  }

  @Test
  void statusFailureIsRecordedWithItsGrpcCode() {
    RpcMetricsFilter filter = new RpcMetricsFilter(true, registry);
    AppResponse failed = new AppResponse();
    failed.setException(TriRpcStatus.NOT_FOUND.withDescription("USER_NOT_FOUND: x").asException());
    call(filter, PROVIDER, failed);

    assertThat(
            registry
                .find(RpcMetricsFilter.SERVER)
                .tag("rpc_grpc_status_code", "NOT_FOUND")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void thrownTimeoutOnTheConsumerSideIsAClientTimerWithDeadlineExceeded() {
    RpcMetricsFilter filter = new RpcMetricsFilter(true, registry);
    RpcInvocation invocation = invocation();
    filter.invoke(invoker(CONSUMER, new AppResponse()), invocation);
    filter.onError(
        new RpcException(RpcException.TIMEOUT_EXCEPTION, "slow"),
        invoker(CONSUMER, null),
        invocation);

    Timer timer =
        registry
            .find(RpcMetricsFilter.CLIENT)
            .tag("rpc_grpc_status_code", "DEADLINE_EXCEEDED")
            .timer();
    assertThat(timer).isNotNull();
    assertThat(timer.count()).isEqualTo(1);
  }

  @Test
  void offRecordsNothing() {
    RpcMetricsFilter filter = new RpcMetricsFilter(false, registry);
    call(filter, PROVIDER, new AppResponse("hello"));
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void dubboActivatesTheFilterOnBothSidesOutsideTheErrorFilter() {
    var loader =
        ApplicationModel.defaultModel().getDefaultModule().getExtensionLoader(Filter.class);
    List<Filter> provider = loader.getActivateExtension(PROVIDER, "", CommonConstants.PROVIDER);
    List<Filter> consumer = loader.getActivateExtension(CONSUMER, "", CommonConstants.CONSUMER);
    assertThat(provider).anyMatch(f -> f instanceof RpcMetricsFilter);
    assertThat(consumer).anyMatch(f -> f instanceof RpcMetricsFilter);
    int metrics = indexOf(provider, RpcMetricsFilter.class);
    int errors = indexOf(provider, vent.common.dubbo.VentErrorFilter.class);
    assertThat(metrics).isLessThan(errors);
  }

  private static int indexOf(List<Filter> filters, Class<?> type) {
    for (int i = 0; i < filters.size(); i++) {
      if (type.isInstance(filters.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void call(RpcMetricsFilter filter, URL url, AppResponse response) {
    RpcInvocation invocation = invocation();
    Invoker<Greeter> invoker = invoker(url, response);
    Result result = filter.invoke(invoker, invocation);
    filter.onResponse(result, invoker, invocation);
  }

  private static RpcInvocation invocation() {
    RpcInvocation invocation = new RpcInvocation();
    invocation.setMethodName("greet");
    return invocation;
  }

  private static Invoker<Greeter> invoker(URL url, Result result) {
    return new Invoker<>() {
      @Override
      public Class<Greeter> getInterface() {
        return Greeter.class;
      }

      @Override
      public Result invoke(Invocation invocation) {
        return result;
      }

      @Override
      public URL getUrl() {
        return url;
      }

      @Override
      public boolean isAvailable() {
        return true;
      }

      @Override
      public void destroy() {}
    };
  }
}
