package dev.vent.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import org.junit.jupiter.api.Test;

class ErrorReasonsTest {

  @Test
  void everyReasonOfEveryServiceHasAnHttpStatus() {
    assertThat(ErrorReasons.all()).hasSizeGreaterThan(20);
    for (EnumValueDescriptor reason : ErrorReasons.all()) {
      assertThat(ErrorReasons.status(reason))
          .as("(vent.common.v1.http_status) of %s", reason.getFullName())
          .isBetween(400, 599);
    }
  }

  @Test
  void reasonsAreLookedUpByName() {
    assertThat(ErrorReasons.httpStatus("USERNAME_TAKEN")).hasValue(409);
    assertThat(ErrorReasons.httpStatus("USER_NOT_FOUND")).hasValue(404);
    assertThat(ErrorReasons.httpStatus("INVALID_CREDENTIALS")).hasValue(401);
    assertThat(ErrorReasons.httpStatus("CAPTCHA_REQUIRED")).hasValue(400);
    assertThat(ErrorReasons.httpStatus("RATE_LIMITED")).hasValue(503);
    assertThat(ErrorReasons.httpStatus("NO_SUCH_REASON")).isEmpty();
    assertThat(ErrorReasons.httpStatus(null)).isEmpty();
  }

  @Test
  void reasonsAboutOneFieldNameIt() {
    assertThat(ErrorReasons.field("INVALID_DISPLAY_NAME")).contains("display_name");
    assertThat(ErrorReasons.field("CAPTCHA_REQUIRED")).contains("captcha_id");
    assertThat(ErrorReasons.field("USER_NOT_FOUND")).isEmpty();
  }
}
