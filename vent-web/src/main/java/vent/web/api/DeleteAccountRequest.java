package vent.web.api;

import jakarta.validation.constraints.NotBlank;

/** DELETE /me body: {@code {password}}, the account's current password, re-confirmed. */
public record DeleteAccountRequest(@NotBlank @CodePoints(max = 1024) String password) {}
