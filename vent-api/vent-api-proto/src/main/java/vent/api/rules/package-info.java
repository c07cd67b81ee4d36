/**
 * Rules both sides of a call agree on, read from the IDL's options ({@code
 * vent/common/v1/rules.proto}): the formats of ids and names ({@link vent.api.rules.Formats},
 * {@link vent.api.rules.UserIds}), the checks of request fields ({@link
 * vent.api.rules.RequestRules}, {@link vent.api.rules.FieldRule}) and the HTTP status of each error
 * reason ({@link vent.api.rules.ErrorReasons}).
 */
package vent.api.rules;
