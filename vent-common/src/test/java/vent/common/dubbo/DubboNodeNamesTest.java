package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.user.v1.UserService;
import org.junit.jupiter.api.Test;

class DubboNodeNamesTest {

  @Test
  void anIdlInterfaceGoesByItsProtoServiceNameInGrpc() {
    assertThat(UserService.class.getName()).isEqualTo("dev.vent.user.v1.UserService");
    assertThat(DubboNode.protoName(UserService.class.getName()))
        .isEqualTo("vent.user.v1.UserService");
  }

  @Test
  void anyOtherInterfaceKeepsItsJavaName() {
    assertThat(DubboNode.protoName("java.lang.Runnable")).isEqualTo("java.lang.Runnable");
  }
}
