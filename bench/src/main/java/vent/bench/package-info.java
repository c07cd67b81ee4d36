/**
 * The benchmark harness behind {@code ./vent bench}: {@code baseline} (B1, a bench-only Dropwizard
 * app reading Vent's Redis keys directly), {@code rpc} (B3, JMH: Triple vs grpc-java unary call on
 * the same proto) and {@code report} (the results as JSON, Markdown and a PNG chart).
 */
package vent.bench;
