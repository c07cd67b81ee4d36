package vent.provider.auth.domain;

/**
 * What a successful registration returns.
 *
 * @param user the profile the user service created
 * @param tokens the tokens of the session the registration opened
 */
public record Registration(UserProfile user, Tokens tokens) {}
