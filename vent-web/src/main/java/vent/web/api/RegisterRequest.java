package vent.web.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * POST /users body. Format rules the providers own (username 3-30 of [a-z0-9_], case-insensitive;
 * display name 1-50 characters; password 8-72 UTF-8 bytes) come back with their reason codes
 * (INVALID_USERNAME, INVALID_DISPLAY_NAME, INVALID_PASSWORD); only presence and hard upper
 * bounds are checked here.
 */
public record RegisterRequest(
    @NotNull @Size(max = 30) String username,
    @NotNull @Size(max = 1024) String password,
    @NotNull @Size(max = 50) String displayName,
    @NotBlank @Size(max = 128) String captchaId,
    @NotBlank @Size(max = 64) String captchaAnswer) {}
