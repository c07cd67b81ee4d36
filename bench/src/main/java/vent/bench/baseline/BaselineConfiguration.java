package vent.bench.baseline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import vent.common.config.RedisSettings;

/**
 * The baseline's typed configuration ({@code bench/baseline.yml}, {@code ${ENV:-default}}
 * substituted).
 *
 * <p>YAML shape, besides Dropwizard's own {@code server} and {@code logging} sections: {@code
 * {redis: {address, password, username, database, connectionPoolSize, timeoutMs}, api:
 * {defaultPageSize: 20, maxPageSize: 100}}}.
 */
public class BaselineConfiguration extends Configuration {

  /**
   * The Redis the providers use; the client is built by vent-common's RedissonFactory, as theirs.
   */
  @Valid @NotNull @JsonProperty public RedisSettings redis = new RedisSettings();

  @Valid @NotNull @JsonProperty public ApiSettings api = new ApiSettings();

  /** Page sizes, as vent-web's {@code api} section. */
  public static class ApiSettings {
    /** Followers per page when {@code limit} is absent. */
    @Min(1)
    @JsonProperty
    public int defaultPageSize = 20;

    /** Largest accepted {@code limit}; the relation provider's maximum is 100. */
    @Min(1)
    @Max(100)
    @JsonProperty
    public int maxPageSize = 100;
  }
}
