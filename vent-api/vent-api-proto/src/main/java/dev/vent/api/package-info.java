/**
 * Hand-written helpers that go with the generated Vent stubs.
 *
 * <p>The services themselves are generated from the protobuf IDL under {@code
 * src/main/proto/vent/<service>/v1/}: {@code vent.user.v1.UserService}, {@code
 * vent.relation.v1.RelationService}, {@code vent.auth.v1.AuthService} and {@code
 * vent.captcha.v1.CaptchaService}, each with a Dubbo Triple stub class ({@code
 * Dubbo<Service>Triple}). Their errors are described by {@link dev.vent.api.ReasonedStatus}; the
 * rules both sides of a call check (field formats and limits, each reason's HTTP status) are read
 * from the IDL by {@code dev.vent.api.rules}.
 */
package dev.vent.api;
