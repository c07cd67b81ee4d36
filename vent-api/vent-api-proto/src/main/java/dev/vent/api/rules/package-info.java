/**
 * Rules both sides of a call agree on, read from the IDL's options ({@code
 * vent/common/v1/rules.proto}): the formats of ids and names ({@link dev.vent.api.rules.Formats},
 * {@link dev.vent.api.rules.UserIds}), the checks of request fields ({@link
 * dev.vent.api.rules.RequestRules}, {@link dev.vent.api.rules.FieldRule}) and the HTTP status of
 * each error reason ({@link dev.vent.api.rules.ErrorReasons}).
 */
package dev.vent.api.rules;
