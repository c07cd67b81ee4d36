package vent.web.api;

/**
 * A follow suggestion: {@code {user, mutualCount}}.
 *
 * @param mutualCount how many of the caller's followees follow {@code user}
 */
public record SuggestionJson(UserJson user, int mutualCount) {}
