/**
 * The vents benchmark: how long a posted vent takes to reach every follower's home timeline ({@link
 * vent.bench.vents.FanOutLatency}); bench/vents.sh drives it with wrk's timeline scenarios.
 */
package vent.bench.vents;
