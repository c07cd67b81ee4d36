package vent.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.dubbo.config.ReferenceConfig;
import org.junit.jupiter.api.Test;
import vent.user.v1.UserService;

class ImportCommandTest {

  @Test
  void theImportsReferencesLeaveSentinelsDubboFiltersOut() {
    ReferenceConfig<UserService> plain = new ReferenceConfig<>();
    ImportCommand.withoutSentinel(plain);
    assertThat(plain.getFilter()).isEqualTo("-sentinel.dubbo.consumer.filter,-dubbo.application.context.name.filter");

    ReferenceConfig<UserService> withFilters = new ReferenceConfig<>();
    withFilters.setFilter("someFilter");
    ImportCommand.withoutSentinel(withFilters);
    assertThat(withFilters.getFilter())
        .isEqualTo("someFilter,-sentinel.dubbo.consumer.filter,-dubbo.application.context.name.filter");
  }
}
