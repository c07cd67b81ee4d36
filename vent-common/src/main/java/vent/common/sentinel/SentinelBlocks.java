package vent.common.sentinel;

import com.alibaba.csp.sentinel.slots.block.AbstractRule;
import com.alibaba.csp.sentinel.slots.block.BlockException;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeException;
import com.alibaba.csp.sentinel.slots.block.flow.FlowException;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowException;
import com.alibaba.csp.sentinel.slots.system.SystemBlockException;
import java.util.Optional;

/** Reads a Sentinel {@link BlockException}: which resource, and a short text for error details. */
public final class SentinelBlocks {

  private SentinelBlocks() {}

  /**
   * @param thrown any exception
   * @return the first {@link BlockException} in its cause chain, if any
   */
  public static Optional<BlockException> find(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BlockException block) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
  }

  /**
   * @param block the block
   * @param fallback the resource to name if the block does not say
   * @return the Sentinel resource whose rule blocked, e.g. {@code dev.vent.user.v1.UserService}
   */
  public static String resource(BlockException block, String fallback) {
    if (block instanceof ParamFlowException p && p.getResourceName() != null) {
      return p.getResourceName();
    }
    if (block instanceof SystemBlockException s && s.getResourceName() != null) {
      return s.getResourceName();
    }
    AbstractRule rule = ruleOf(block);
    if (rule != null && rule.getResource() != null && !rule.getResource().isBlank()) {
      return rule.getResource();
    }
    return fallback;
  }

  private static AbstractRule ruleOf(BlockException block) {
    try {
      return block.getRule();
    } catch (RuntimeException e) {
      // The subclasses' getRule() casts the rule without a null check.
      return null;
    }
  }

  /**
   * The detail of a caller-side block, as Vent reports it ({@code VentException} UNAVAILABLE /
   * DEPENDENCY_UNAVAILABLE): {@code "circuit open: <resource>"} for a degrade rule, {@code "rate
   * limit: <resource>"} for a flow or parameter-flow rule, {@code "system overload: <resource>"}
   * for a system rule, {@code "blocked: <resource>"} otherwise.
   */
  public static String describe(BlockException block, String fallbackResource) {
    String resource = resource(block, fallbackResource);
    if (block instanceof DegradeException) {
      return "circuit open: " + resource;
    }
    if (block instanceof FlowException || block instanceof ParamFlowException) {
      return "rate limit: " + resource;
    }
    if (block instanceof SystemBlockException) {
      return "system overload: " + resource;
    }
    return "blocked: " + resource;
  }
}
