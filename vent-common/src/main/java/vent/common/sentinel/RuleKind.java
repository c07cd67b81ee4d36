package vent.common.sentinel;

import com.alibaba.csp.sentinel.command.handler.ModifyParamFlowRulesCommandHandler;
import com.alibaba.csp.sentinel.datasource.WritableDataSource;
import com.alibaba.csp.sentinel.property.SentinelProperty;
import com.alibaba.csp.sentinel.slots.block.Rule;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRule;
import com.alibaba.csp.sentinel.slots.block.degrade.DegradeRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.FlowRuleManager;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRule;
import com.alibaba.csp.sentinel.slots.block.flow.param.ParamFlowRuleManager;
import com.alibaba.csp.sentinel.slots.system.SystemRule;
import com.alibaba.csp.sentinel.slots.system.SystemRuleManager;
import com.alibaba.csp.sentinel.transport.util.WritableDataSourceRegistry;
import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.serializer.SerializerFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One of the four rule types Vent keeps in Consul KV: its key suffix, its Java class, and where
 * Sentinel takes its readable property and its writable (push-mode) data source.
 *
 * <p>The JSON is Sentinel's own rule format, written and read with fastjson exactly as Sentinel's
 * {@code getRules}/{@code setRules} commands do, so the dashboard, the KV value and the rule files
 * in {@code sentinel-rules/} all share one shape.
 *
 * @param <T> the rule class
 */
final class RuleKind<T extends Rule> {

  static final RuleKind<FlowRule> FLOW =
      new RuleKind<>(
          "flow",
          FlowRule.class,
          FlowRuleManager::register2Property,
          WritableDataSourceRegistry::registerFlowDataSource);
  static final RuleKind<DegradeRule> DEGRADE =
      new RuleKind<>(
          "degrade",
          DegradeRule.class,
          DegradeRuleManager::register2Property,
          WritableDataSourceRegistry::registerDegradeDataSource);

  /** The dashboard pushes these with {@code setParamFlowRules}, which has its own writer hook. */
  static final RuleKind<ParamFlowRule> PARAM_FLOW =
      new RuleKind<>(
          "param-flow",
          ParamFlowRule.class,
          ParamFlowRuleManager::register2Property,
          ModifyParamFlowRulesCommandHandler::setWritableDataSource);

  static final RuleKind<SystemRule> SYSTEM =
      new RuleKind<>(
          "system",
          SystemRule.class,
          SystemRuleManager::register2Property,
          WritableDataSourceRegistry::registerSystemDataSource);

  /** Every kind, in the order they are registered and logged. */
  static final List<RuleKind<?>> ALL = List.of(FLOW, DEGRADE, PARAM_FLOW, SYSTEM);

  private final String type;
  private final Class<T> ruleClass;
  private final Consumer<SentinelProperty<List<T>>> propertyRegistrar;
  private final Consumer<WritableDataSource<List<T>>> writerRegistrar;

  private RuleKind(
      String type,
      Class<T> ruleClass,
      Consumer<SentinelProperty<List<T>>> propertyRegistrar,
      Consumer<WritableDataSource<List<T>>> writerRegistrar) {
    this.type = type;
    this.ruleClass = ruleClass;
    this.propertyRegistrar = propertyRegistrar;
    this.writerRegistrar = writerRegistrar;
  }

  /** The last segment of the KV key, e.g. {@code param-flow}. */
  String type() {
    return type;
  }

  /** The KV key of this kind for one application: {@code <kvPrefix>/<application>/<type>}. */
  String key(String kvPrefix, String application) {
    return trimSlashes(kvPrefix) + "/" + application + "/" + type;
  }

  /**
   * Reads a KV value.
   *
   * @param json a JSON array of rules; {@code null} or blank (key absent or empty) means no rules
   * @return the rules, never {@code null}, without {@code null} elements
   * @throws RuntimeException (fastjson's {@code JSONException}, or IllegalArgumentException) if
   *     {@code json} is not such an array
   */
  List<T> parse(String json) {
    if (json == null || json.isBlank()) {
      return new ArrayList<>();
    }
    if (!json.strip().startsWith("[")) {
      // fastjson would read a lone object as a one-rule list; the format is an array.
      throw new IllegalArgumentException("not a JSON array of " + ruleClass.getSimpleName());
    }
    List<T> rules = JSON.parseArray(json, ruleClass);
    List<T> result = new ArrayList<>();
    if (rules != null) {
      rules.stream().filter(Objects::nonNull).forEach(result::add);
    }
    return result;
  }

  /** Writes rules as the KV value: a pretty-printed JSON array, readable in Consul's UI. */
  String encode(List<T> rules) {
    return JSON.toJSONString(rules == null ? List.of() : rules, SerializerFeature.PrettyFormat);
  }

  /** Makes Sentinel's rule manager of this kind follow {@code property}. */
  void registerProperty(SentinelProperty<List<T>> property) {
    propertyRegistrar.accept(property);
  }

  /** Makes the dashboard's set-rules command of this kind write through {@code writer}. */
  void registerWriter(WritableDataSource<List<T>> writer) {
    writerRegistrar.accept(writer);
  }

  static String trimSlashes(String prefix) {
    String p = prefix.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  @Override
  public String toString() {
    return type;
  }
}
