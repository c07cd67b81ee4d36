package vent.web;

import java.util.function.Function;
import org.apache.commons.text.StringSubstitutor;
import vent.common.config.RequiredVariables;

/**
 * Strict environment substitution of vent-web's configuration, the same as the providers' ({@code
 * vent.common.config.ConfigLoader}): {@code ${NAME:-default}}, and {@code ${NAME}} that must be
 * set. The stack's ports and Consul KV prefixes are written without a default, so vent-web stops at
 * start naming every unset one, e.g. {@code VENT_HTTP_PORT is not set (./vent sets it from
 * stack/local.yml)}.
 */
final class RequiredEnvironmentSubstitutor extends StringSubstitutor {

  private final Function<String, String> env;

  /**
   * @param env the environment, e.g. {@code System::getenv}
   */
  RequiredEnvironmentSubstitutor(Function<String, String> env) {
    super(env::apply);
    this.env = env;
    setValueDelimiter(":-");
    setEnableUndefinedVariableException(true);
  }

  @Override
  public String replace(String source) {
    if (source != null) {
      RequiredVariables.check(source, env);
    }
    return super.replace(source);
  }
}
