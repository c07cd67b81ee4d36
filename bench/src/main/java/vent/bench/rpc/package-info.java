/**
 * B3: a JMH benchmark of one blocking unary {@code UserService/GetUser} call over Dubbo Triple,
 * configured by vent-common as Vent's processes are ({@link vent.bench.rpc.TripleEndpoint}),
 * against the same call over grpc-java ({@link vent.bench.rpc.GrpcJavaEndpoint}), both in one JVM
 * over h2c on 127.0.0.1.
 *
 * <p>Run: {@code mvn -pl bench -am package}, then {@code java -cp
 * 'bench/target/vent-bench.jar:bench/target/lib/*' vent.bench.rpc.RpcBenchMain --out
 * results/b3.json} ({@link vent.bench.rpc.RpcBenchMain} lists the options). The JSON is JMH's; each
 * element is one method ({@code triple}, {@code grpcJava}) at one thread count in one mode, with
 * {@link vent.bench.rpc.CpuTimeProfiler}'s CPU microseconds per call as a secondary result.
 *
 * <p>What-ifs for vent-common's Dubbo settings are passed to the forked JVMs with {@code
 * --jvm-args}, since Dubbo lets {@code -Ddubbo.*} system properties override the settings
 * vent-common makes in code: e.g. {@code -Ddubbo.provider.filter=...}, {@code
 * -Dnetty.epoll.enable=true}, {@code -Ddubbo.protocol.threadpool=cached}, and the bench's own
 * {@link vent.bench.rpc.TripleEndpoint#SIMPLE_PROFILER}. The two that moved Triple's score (issue
 * 5's B3 report has the figures): {@code --jvm-args
 * "-Ddubbo.provider.filter=-sentinel.dubbo.provider.filter,-profiler-server
 * -Dnetty.epoll.enable=true"}, i.e. no per-call network-interface scan by Dubbo's profiler filter
 * under {@code LoopbackNetwork}, and Netty's native epoll transport (which grpc-netty-shaded uses
 * by default) instead of NIO.
 */
package vent.bench.rpc;
