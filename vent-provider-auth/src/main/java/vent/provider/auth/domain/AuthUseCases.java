package vent.provider.auth.domain;

/** The use cases AuthService exposes, wired once by the server. */
public record AuthUseCases(
    RegisterUseCase register,
    LoginUseCase login,
    RefreshUseCase refresh,
    LogoutUseCase logout,
    ChangePasswordUseCase changePassword,
    JwksQuery jwks,
    DeleteAccountUseCase deleteAccount,
    AccountRemoval accountRemoval) {}
