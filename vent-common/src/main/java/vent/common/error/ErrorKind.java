package vent.common.error;

/**
 * The kinds of failure a Vent domain operation can report, named after the gRPC status codes they
 * travel as (gRPC {@code doc/statuscodes.md}). vent-web maps them to HTTP statuses:
 * INVALID_ARGUMENT 400, UNAUTHENTICATED 401, PERMISSION_DENIED 403, NOT_FOUND 404, ALREADY_EXISTS
 * 409, FAILED_PRECONDITION 400, RESOURCE_EXHAUSTED 429, UNAVAILABLE 503.
 */
public enum ErrorKind {
  INVALID_ARGUMENT,
  UNAUTHENTICATED,
  PERMISSION_DENIED,
  NOT_FOUND,
  ALREADY_EXISTS,
  FAILED_PRECONDITION,
  RESOURCE_EXHAUSTED,
  UNAVAILABLE
}
