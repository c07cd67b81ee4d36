package dev.vent.api.rules;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.vent.common.v1.RulesProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a whole request message against the {@code (vent.common.v1.field)} rules of its fields
 * (and of the messages it holds, e.g. each {@code Edge} of a {@code BatchFollowRequest}), as
 * declared in the IDL. The same check runs in vent-web before a call and in the provider that
 * receives it, so both refuse the same requests with the same reasons: INVALID_ARGUMENT with the
 * violation's reason at a provider, 400 with that reason as {@code code} at vent-web.
 *
 * <p>A field declared {@code optional} and not set is not checked. Fields are checked in the order
 * of their numbers, elements in their order; a repeated field's count is checked before its
 * elements.
 */
public final class RequestRules {

  private RequestRules() {}

  /**
   * @param request any message; one without rules has no violations
   * @return every broken rule, in field order; empty when the request passes
   */
  public static List<Violation> violations(Message request) {
    List<Violation> found = new ArrayList<>();
    collect(request, "", found, false);
    return found;
  }

  /**
   * @return the first broken rule (the one a provider answers with), or empty when the request
   *     passes
   */
  public static Optional<Violation> firstViolation(Message request) {
    List<Violation> found = new ArrayList<>();
    collect(request, "", found, true);
    return found.stream().findFirst();
  }

  private static boolean collect(
      Message message, String prefix, List<Violation> found, boolean firstOnly) {
    for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
      if (field.hasPresence() && !field.isRepeated() && !message.hasField(field)) {
        continue;
      }
      boolean ruled = field.getOptions().hasExtension(RulesProto.field);
      FieldRule rule = FieldRule.of(field);
      String path = prefix + field.getName();
      if (field.isRepeated()) {
        int count = message.getRepeatedFieldCount(field);
        if (ruled && add(rule.checkCount(count).map(v -> at(v, path)), found, firstOnly)) {
          return true;
        }
        for (int i = 0; i < count; i++) {
          if (check(
              field,
              rule,
              ruled,
              message.getRepeatedField(field, i),
              path + "[" + i + "]",
              found,
              firstOnly)) {
            return true;
          }
        }
      } else if (check(field, rule, ruled, message.getField(field), path, found, firstOnly)) {
        return true;
      }
    }
    return false;
  }

  private static boolean check(
      FieldDescriptor field,
      FieldRule rule,
      boolean ruled,
      Object value,
      String path,
      List<Violation> found,
      boolean firstOnly) {
    if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      return collect((Message) value, path + ".", found, firstOnly);
    }
    if (ruled && field.getJavaType() == FieldDescriptor.JavaType.STRING) {
      return add(rule.check((String) value, path), found, firstOnly);
    }
    return false;
  }

  private static Violation at(Violation v, String path) {
    return new Violation(path, v.reason(), v.detail());
  }

  private static boolean add(Optional<Violation> violation, List<Violation> found, boolean first) {
    violation.ifPresent(found::add);
    return first && violation.isPresent();
  }
}
