package vent.common.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vent.post.v1.PostService;
import dev.vent.user.v1.UserService;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {

  @Test
  void anIdlInterfaceGoesByItsProtoServiceName() {
    assertThat(UserService.class.getName()).isEqualTo("dev.vent.user.v1.UserService");
    assertThat(ServiceNames.of(UserService.class)).isEqualTo("vent.user.v1.UserService");
    assertThat(ServiceNames.of("dev.vent.post.v1.PostService"))
        .isEqualTo(ServiceNames.of(PostService.class))
        .isEqualTo("vent.post.v1.PostService");
  }

  @Test
  void anyOtherNameStaysAsItIs() {
    assertThat(ServiceNames.of(Runnable.class)).isEqualTo("java.lang.Runnable");
    assertThat(ServiceNames.of("*")).isEqualTo("*");
    assertThat(ServiceNames.of("dev.vent.nothing.v1.NoSuchService"))
        .isEqualTo("dev.vent.nothing.v1.NoSuchService");
  }
}
