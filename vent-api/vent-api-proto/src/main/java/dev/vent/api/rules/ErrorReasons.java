package dev.vent.api.rules;

import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import dev.vent.common.v1.CommonErrorReason;
import dev.vent.common.v1.RulesProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The error reasons of every Vent service ({@code vent/<service>/v1/error_reason.proto} and {@code
 * vent/common/v1/error_reason.proto}) with what the IDL says about each: the HTTP status vent-web
 * answers with ({@code (vent.common.v1.http_status)}) and the request field the reason is about
 * ({@code (vent.common.v1.reason_field)}). A reason is known by its name, as it travels in the gRPC
 * status description ({@code "USERNAME_TAKEN: ..."}); a name that two services share (e.g. {@code
 * INVALID_USER_ID}) must mean the same in both.
 */
public final class ErrorReasons {

  /** Every service's reason enum; a new service adds its own here. */
  private static final List<EnumDescriptor> ENUMS =
      List.of(
          CommonErrorReason.getDescriptor(),
          dev.vent.user.v1.ErrorReason.getDescriptor(),
          dev.vent.relation.v1.ErrorReason.getDescriptor(),
          dev.vent.auth.v1.ErrorReason.getDescriptor(),
          dev.vent.captcha.v1.ErrorReason.getDescriptor(),
          dev.vent.post.v1.ErrorReason.getDescriptor());

  private static final Map<String, EnumValueDescriptor> BY_NAME = new HashMap<>();

  static {
    for (EnumValueDescriptor value : all()) {
      EnumValueDescriptor earlier = BY_NAME.putIfAbsent(value.getName(), value);
      if (earlier != null
          && (status(earlier) != status(value) || !field(earlier).equals(field(value)))) {
        throw new IllegalStateException(
            "reason "
                + value.getName()
                + " has different options in "
                + earlier.getType().getFullName()
                + " and "
                + value.getType().getFullName());
      }
    }
  }

  /**
   * The {@code domain} of every Vent {@code google.rpc.ErrorInfo} (AIP-193): reasons are unique
   * across Vent's services, so one domain names them all.
   */
  public static final String DOMAIN = "vent.dev";

  private ErrorReasons() {}

  /**
   * @return every reason value of every service, the {@code *_UNSPECIFIED} zero values left out
   */
  public static List<EnumValueDescriptor> all() {
    List<EnumValueDescriptor> values = new ArrayList<>();
    for (EnumDescriptor reasons : ENUMS) {
      for (EnumValueDescriptor value : reasons.getValues()) {
        if (value.getNumber() != 0) {
          values.add(value);
        }
      }
    }
    return values;
  }

  /**
   * @param reason a reason name, e.g. {@code USERNAME_TAKEN}
   * @return its {@code http_status} (e.g. 409), or empty for a name no service declares or one
   *     declared without the option
   */
  public static OptionalInt httpStatus(String reason) {
    EnumValueDescriptor value = reason == null ? null : BY_NAME.get(reason);
    int status = value == null ? 0 : status(value);
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /**
   * @param reason a reason name, e.g. {@code INVALID_DISPLAY_NAME}
   * @return the request field it is about, by its IDL name (e.g. {@code display_name}), or empty
   */
  public static Optional<String> field(String reason) {
    EnumValueDescriptor value = reason == null ? null : BY_NAME.get(reason);
    return value == null ? Optional.empty() : field(value);
  }

  /**
   * @return the {@code http_status} option of one reason value, 0 when absent
   */
  public static int status(EnumValueDescriptor value) {
    return value.getOptions().getExtension(RulesProto.httpStatus);
  }

  private static Optional<String> field(EnumValueDescriptor value) {
    String field = value.getOptions().getExtension(RulesProto.reasonField);
    return field.isEmpty() ? Optional.empty() : Optional.of(field);
  }
}
