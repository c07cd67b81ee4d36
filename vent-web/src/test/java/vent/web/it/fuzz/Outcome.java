package vent.web.it.fuzz;

/**
 * What vent-web answered to a {@link FuzzRequest}.
 *
 * @param status HTTP status, or 0 when no answer arrived (connection reset, timeout)
 * @param contentType the Content-Type header, empty when absent
 * @param body the body as UTF-8 text
 * @param error the transport failure when {@code status} is 0, else null
 */
public record Outcome(int status, String contentType, String body, String error) {}
