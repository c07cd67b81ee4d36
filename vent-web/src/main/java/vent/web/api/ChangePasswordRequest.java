package vent.web.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** PUT /me/password body: {@code {currentPassword, newPassword}} (new: 8-72 UTF-8 bytes, checked by auth). */
public record ChangePasswordRequest(
    @NotEmpty @CodePoints(max = 1024) String currentPassword,
    @NotNull @CodePoints(max = 1024) String newPassword) {}
