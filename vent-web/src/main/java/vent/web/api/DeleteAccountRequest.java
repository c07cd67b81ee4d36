package vent.web.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** DELETE /me body: {@code {password}}, the account's current password, re-confirmed. */
public record DeleteAccountRequest(@NotBlank @Size(max = 1024) String password) {}
