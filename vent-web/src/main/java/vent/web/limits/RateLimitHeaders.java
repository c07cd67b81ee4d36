package vent.web.limits;

import com.alibaba.csp.sentinel.node.ClusterNode;
import com.alibaba.csp.sentinel.slots.block.RuleConstant;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParameterMetric;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParameterMetricStorage;
import com.alibaba.csp.sentinel.slots.clusterbuilder.ClusterBuilderSlot;
import com.alibaba.csp.sentinel.slots.statistic.cache.CacheMap;
import com.alibaba.csp.sentinel.util.TimeUtil;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers
 * (revision 11, May 2026: Structured Field Lists of Items, RFC 9651) on every answer of a request
 * that a Sentinel rule applies to, 2xx to 5xx, 429 included; numbers read from Sentinel's own rule
 * managers and statistics, no counter of its own.
 *
 * <pre>
 * RateLimit-Policy: "client-ip";q=50;w=1, "GET /users/{id}";q=2000;w=1
 * RateLimit: "client-ip";r=49;t=1, "GET /users/{id}";r=1987;t=1
 * </pre>
 *
 * <p>One item per rule, in the order the request met them (per-IP, the route's per-IP, per-user,
 * the route's per-user, the route; the refusing one of a 429 last), named by the rule's resource (a
 * {@code String}); a resource with several rules (e.g. {@code login-ip}: 5 per 60 s and 1 per
 * second) names each {@code <resource>/<w>s}. Rules counted: QPS rules ({@code grade} 1) that
 * reject at once ({@code controlBehavior} 0), for {@code limitApp} {@code default}, not in cluster
 * mode: flow rules with the {@code direct} strategy on the route, parameter-flow rules on argument
 * 0 of the per-client resources. Concurrency (thread) rules, system and degrade rules are not
 * quotas of the client and are not listed.
 *
 * <ul>
 *   <li>{@code q}: requests per window: a flow rule's {@code count}; a parameter-flow rule's {@code
 *       count}, or its exception item's count for this very IP or user;
 *   <li>{@code w}: window, seconds: 1 for flow rules (Sentinel counts QPS over a sliding second);
 *       {@code durationInSec} for parameter-flow rules;
 *   <li>{@code r}: how many more requests the rule would let through <i>now</i>, this one counted.
 *       Flow rule: {@code count} minus the route's passed requests in the current sliding second
 *       ({@code ClusterNode.passQps()}, two 500 ms buckets), at least 0; shared by every client of
 *       this instance. Parameter-flow rule: the tokens left in Sentinel's bucket for this IP or
 *       user ({@code ParameterMetric}), with the refill the next request would get; up to {@code q
 *       + burstCount}, so it can exceed {@code q} while a burst allowance is unspent. Both are
 *       snapshots of one vent-web instance (rules are not in cluster mode): requests in flight on
 *       other threads can spend the quota between this answer and the next request, and a request
 *       to another instance sees that instance's quota;
 *   <li>{@code t}: seconds until the quota resets: 1 for flow rules; for parameter-flow rules the
 *       seconds, rounded up, until Sentinel refills the bucket ({@code durationInSec} after the
 *       last refill), 0 when the next request gets a refill.
 * </ul>
 *
 * <p>Sentinel keeps a parameter-flow bucket in package-private state ({@code
 * ParameterMetric.getRuleStampedTokenCounter}, 1.8.9); it is read reflectively, and should a
 * Sentinel release change it, the parameter-flow items of {@code RateLimit} are left out (the
 * policy stays) and {@code RateLimitHeadersTest} fails.
 */
final class RateLimitHeaders {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimitHeaders.class);

  /** The field of the policies. */
  static final String POLICY = "RateLimit-Policy";

  /** The field of the current limits. */
  static final String LIMIT = "RateLimit";

  private RateLimitHeaders() {}

  /**
   * A resource a request entered (or was refused by) and the argument of its parameter-flow rules.
   *
   * @param resource e.g. {@code client-ip}, {@code GET /users/{id}}
   * @param arg the IP or user id; null for a route
   */
  record Met(String resource, Object arg) {}

  /**
   * One rule's numbers.
   *
   * @param name the policy's name
   * @param q requests per window
   * @param w window, seconds
   * @param r remaining now, or -1 when unknown
   * @param t seconds until reset
   */
  record Quota(String name, long q, long w, long r, long t) {}

  /** Adds both fields to {@code headers} when any rule applies; nothing otherwise. */
  static void write(List<Met> met, MultivaluedMap<String, Object> headers) {
    List<Quota> quotas = quotas(met, TimeUtil.currentTimeMillis());
    if (quotas.isEmpty()) {
      return;
    }
    StringBuilder policy = new StringBuilder();
    StringBuilder limit = new StringBuilder();
    for (Quota quota : quotas) {
      String name = sfString(quota.name());
      policy.append(policy.length() == 0 ? "" : ", ");
      policy.append(name).append(";q=").append(quota.q()).append(";w=").append(quota.w());
      if (quota.r() >= 0) {
        limit.append(limit.length() == 0 ? "" : ", ");
        limit.append(name).append(";r=").append(quota.r()).append(";t=").append(quota.t());
      }
    }
    headers.putSingle(POLICY, policy.toString());
    if (limit.length() > 0) {
      headers.putSingle(LIMIT, limit.toString());
    }
  }

  /** The quotas of the rules that apply to {@code met}, at {@code nowMs} (Sentinel's clock). */
  static List<Quota> quotas(List<Met> met, long nowMs) {
    List<Quota> quotas = new ArrayList<>();
    List<FlowRule> flowRules = null;
    for (Met m : met) {
      if (m.arg() == null) {
        if (flowRules == null) {
          flowRules = FlowRuleManager.getRules();
        }
        List<FlowRule> rules = new ArrayList<>();
        for (FlowRule rule : flowRules) {
          if (m.resource().equals(rule.getResource()) && counted(rule)) {
            rules.add(rule);
          }
        }
        ClusterNode node = rules.isEmpty() ? null : ClusterBuilderSlot.getClusterNode(m.resource());
        long passed = node == null ? 0 : (long) Math.ceil(node.passQps());
        Names names = new Names(m.resource(), rules.size());
        for (FlowRule rule : rules) {
          long q = (long) rule.getCount();
          quotas.add(new Quota(names.next(1), q, 1, Math.max(0, q - passed), 1));
        }
      } else {
        List<ParamFlowRule> rules = new ArrayList<>();
        for (ParamFlowRule rule : ParamFlowRuleManager.getRulesOfResource(m.resource())) {
          if (counted(rule)) {
            rules.add(rule);
          }
        }
        ParameterMetric metric =
            rules.isEmpty() ? null : ParameterMetricStorage.getParamMetricForResource(m.resource());
        Names names = new Names(m.resource(), rules.size());
        for (ParamFlowRule rule : rules) {
          quotas.add(paramQuota(names.next(rule.getDurationInSec()), rule, metric, m.arg(), nowMs));
        }
      }
    }
    return quotas;
  }

  private static boolean counted(FlowRule rule) {
    return rule.getGrade() == RuleConstant.FLOW_GRADE_QPS
        && rule.getControlBehavior() == RuleConstant.CONTROL_BEHAVIOR_DEFAULT
        && rule.getStrategy() == RuleConstant.STRATEGY_DIRECT
        && RuleConstant.LIMIT_APP_DEFAULT.equals(rule.getLimitApp())
        && !rule.isClusterMode();
  }

  private static boolean counted(ParamFlowRule rule) {
    Integer index = rule.getParamIdx();
    return rule.getGrade() == RuleConstant.FLOW_GRADE_QPS
        && rule.getControlBehavior() == RuleConstant.CONTROL_BEHAVIOR_DEFAULT
        && RuleConstant.LIMIT_APP_DEFAULT.equals(rule.getLimitApp())
        && !rule.isClusterMode()
        && index != null
        && (index == 0 || index == -1)
        && rule.getDurationInSec() > 0;
  }

  /**
   * Mirrors {@code ParamFlowChecker.passDefaultLocalCheck} of Sentinel 1.8.9: a bucket of {@code
   * count + burstCount} tokens per value, kept as (last refill time, tokens left), refilled by
   * {@code count} per {@code durationInSec} when a request arrives more than {@code durationInSec}
   * after the last refill.
   */
  private static Quota paramQuota(
      String name, ParamFlowRule rule, ParameterMetric metric, Object value, long nowMs) {
    Integer item = rule.retrieveExclusiveItemCount(value);
    long count = item != null ? item : (long) rule.getCount();
    long max = count + rule.getBurstCount();
    long windowMs = rule.getDurationInSec() * 1000;
    long w = rule.getDurationInSec();
    if (!Buckets.READABLE) {
      return new Quota(name, count, w, -1, 0);
    }
    long[] bucket = metric == null ? null : Buckets.read(metric, rule, value);
    if (bucket == null) {
      // No request has met this rule with this value since it was loaded: its bucket is full.
      return new Quota(name, count, w, max, 0);
    }
    long since = nowMs - bucket[0];
    long tokens = bucket[1];
    if (since > windowMs) {
      long refilled = tokens + since * count / windowMs;
      return new Quota(name, count, w, Math.max(0, Math.min(max, refilled)), 0);
    }
    long t = (windowMs - since + 999) / 1000;
    return new Quota(name, count, w, Math.max(0, tokens), t);
  }

  /**
   * Sentinel's parameter-flow buckets: {@code ParameterMetric.getRuleStampedTokenCounter(rule)}, a
   * map from value to {@code AtomicReference<TokenUpdateStatus(lastAddTokenTime, restQps)>}, all
   * package-private in Sentinel, so read reflectively ({@code RateLimitHeadersTest} fails should a
   * Sentinel release change them).
   */
  private static final class Buckets {
    private static final Method COUNTER;
    private static final Method LAST_REFILL;
    private static final Method TOKENS;
    static final boolean READABLE;

    static {
      Method counter = null;
      Method lastRefill = null;
      Method tokens = null;
      try {
        counter =
            ParameterMetric.class.getDeclaredMethod(
                "getRuleStampedTokenCounter", ParamFlowRule.class);
        counter.setAccessible(true);
        Class<?> status =
            Class.forName(
                ParameterMetric.class.getPackageName() + ".TokenUpdateStatus",
                false,
                ParameterMetric.class.getClassLoader());
        lastRefill = status.getDeclaredMethod("getLastAddTokenTime");
        lastRefill.setAccessible(true);
        tokens = status.getDeclaredMethod("getRestQps");
        tokens.setAccessible(true);
      } catch (ReflectiveOperationException | RuntimeException e) {
        LOG.warn("event=ratelimit_tokens_unreadable error={}", e.toString());
        counter = null;
      }
      COUNTER = counter;
      LAST_REFILL = lastRefill;
      TOKENS = tokens;
      READABLE = counter != null;
    }

    private Buckets() {}

    /**
     * @return {last refill time in ms, tokens left} of {@code value}'s bucket, or null when it has
     *     none (never used since the rule was loaded) or it cannot be read
     */
    @SuppressWarnings("unchecked")
    static long[] read(ParameterMetric metric, ParamFlowRule rule, Object value) {
      try {
        CacheMap<Object, ?> buckets = (CacheMap<Object, ?>) COUNTER.invoke(metric, rule);
        Object ref = buckets == null ? null : buckets.get(value);
        Object status = ref instanceof AtomicReference<?> r ? r.get() : null;
        if (status == null) {
          return null;
        }
        return new long[] {(long) LAST_REFILL.invoke(status), (long) TOKENS.invoke(status)};
      } catch (ReflectiveOperationException | ClassCastException e) {
        return null;
      }
    }
  }

  /** An RFC 9651 String: quoted, with {@code \} and {@code "} escaped; other bytes are ASCII. */
  static String sfString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append('?');
      }
    }
    return out.append('"').toString();
  }

  /** Policy names of one resource: the resource alone, or {@code <resource>/<w>s} for several. */
  private static final class Names {
    private final String resource;
    private final boolean several;
    private final Map<String, Integer> used = new HashMap<>();

    Names(String resource, int rules) {
      this.resource = resource;
      this.several = rules > 1;
    }

    String next(long windowSeconds) {
      String name = several ? resource + "/" + windowSeconds + "s" : resource;
      int seen = used.merge(name, 1, Integer::sum);
      return seen == 1 ? name : name + "#" + seen;
    }
  }
}
