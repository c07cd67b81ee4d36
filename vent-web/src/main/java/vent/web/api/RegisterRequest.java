package vent.web.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * POST /users body. Format rules the providers own (username 3-30 of [a-z0-9_], case-insensitive;
 * display name 1-50 characters; password 8-72 UTF-8 bytes) come back with their reason codes
 * (INVALID_USERNAME, INVALID_DISPLAY_NAME, INVALID_PASSWORD); only presence, hard upper bounds
 * (in code points, as the providers count) and format characters in the display name are checked
 * here.
 */
public record RegisterRequest(
    @NotNull @CodePoints(max = 30) String username,
    @NotNull @CodePoints(max = 1024) String password,
    @NotNull @CodePoints(max = 50) @NoFormatCharacters String displayName,
    @NotBlank @CodePoints(max = 128) String captchaId,
    @NotBlank @CodePoints(max = 64) String captchaAnswer) {}
