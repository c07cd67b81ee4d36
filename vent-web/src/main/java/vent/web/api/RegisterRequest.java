package vent.web.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * POST /users body. Only presence and vent-web's own upper bounds (in code points) are checked
 * here, as VALIDATION_FAILED; the rules of the IDL (username and display name of {@code
 * vent.user.v1.CreateUserRequest}, password of {@code vent.auth.v1.RegisterRequest}) are checked
 * before the call and answer with their reasons (INVALID_USERNAME, INVALID_DISPLAY_NAME,
 * INVALID_PASSWORD), as the providers would.
 */
public record RegisterRequest(
    @NotNull String username,
    @NotNull @CodePoints(max = 1024) String password,
    @NotNull String displayName,
    @NotBlank @CodePoints(max = 128) String captchaId,
    @NotBlank @CodePoints(max = 64) String captchaAnswer) {}
