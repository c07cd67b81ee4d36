/**
 * Baseline B1 of the benchmark: {@link vent.bench.baseline.BaselineApplication}, a bare Dropwizard
 * app that answers vent-web's {@code GET /api/v1/users/{id}} and {@code GET
 * /api/v1/users/{id}/followers} with the same JSON by reading the user and relation providers'
 * Redis keys directly (profile: one pipelined round trip; followers page: two), so the cost of the
 * RPC hops can be measured against it.
 */
package vent.bench.baseline;
