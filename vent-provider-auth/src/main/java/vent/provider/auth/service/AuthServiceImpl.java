package vent.provider.auth.service;

import dev.vent.auth.v1.ChangePasswordRequest;
import dev.vent.auth.v1.DeleteAccountRequest;
import dev.vent.auth.v1.DeleteAccountResponse;
import dev.vent.auth.v1.DubboAuthServiceTriple;
import dev.vent.auth.v1.GetJwksRequest;
import dev.vent.auth.v1.GetJwksResponse;
import dev.vent.auth.v1.LoginRequest;
import dev.vent.auth.v1.LogoutRequest;
import dev.vent.auth.v1.LogoutResponse;
import dev.vent.auth.v1.RefreshRequest;
import dev.vent.auth.v1.RegisterRequest;
import dev.vent.auth.v1.RegisterResponse;
import dev.vent.auth.v1.TokenPair;
import dev.vent.user.v1.User;
import vent.provider.auth.domain.AuthUseCases;
import vent.provider.auth.domain.LoginCommand;
import vent.provider.auth.domain.RegisterCommand;
import vent.provider.auth.domain.Registration;
import vent.provider.auth.domain.Tokens;

/**
 * The {@code vent.auth.v1.AuthService} Triple endpoint: converts protobuf to domain calls and back.
 * Errors are the use cases' {@link vent.common.error.VentException}s, turned into gRPC statuses by
 * vent-common's provider filter; see auth.proto for each RPC's contract.
 */
public final class AuthServiceImpl extends DubboAuthServiceTriple.AuthServiceImplBase {

  private final AuthUseCases useCases;

  public AuthServiceImpl(AuthUseCases useCases) {
    this.useCases = useCases;
  }

  @Override
  public RegisterResponse register(RegisterRequest r) {
    Registration reg =
        useCases
            .register()
            .register(
                new RegisterCommand(
                    r.getUsername(),
                    r.getPassword(),
                    r.getDisplayName(),
                    r.getCaptchaId(),
                    r.getCaptchaAnswer()));
    var u = reg.user();
    User user =
        User.newBuilder()
            .setId(u.id())
            .setUsername(u.username())
            .setDisplayName(u.displayName())
            .setBio(u.bio())
            .setCreatedAtMs(u.createdAtMs())
            .setUpdatedAtMs(u.updatedAtMs())
            .build();
    return RegisterResponse.newBuilder().setUser(user).setTokens(toProto(reg.tokens())).build();
  }

  @Override
  public TokenPair login(LoginRequest r) {
    return toProto(
        useCases
            .login()
            .login(
                new LoginCommand(
                    r.getUsername(),
                    r.getPassword(),
                    r.getClientIp(),
                    r.getCaptchaId(),
                    r.getCaptchaAnswer())));
  }

  @Override
  public TokenPair refresh(RefreshRequest r) {
    return toProto(useCases.refresh().refresh(r.getRefreshToken()));
  }

  @Override
  public LogoutResponse logout(LogoutRequest r) {
    return LogoutResponse.newBuilder()
        .setEnded(useCases.logout().logout(r.getSessionId(), r.getUserId()))
        .build();
  }

  @Override
  public TokenPair changePassword(ChangePasswordRequest r) {
    return toProto(
        useCases
            .changePassword()
            .change(
                r.getUserId(),
                r.getCurrentPassword(),
                r.getNewPassword(),
                r.getCaptchaId(),
                r.getCaptchaAnswer()));
  }

  @Override
  public DeleteAccountResponse deleteAccount(DeleteAccountRequest r) {
    useCases
        .deleteAccount()
        .delete(r.getUserId(), r.getPassword(), r.getCaptchaId(), r.getCaptchaAnswer());
    return DeleteAccountResponse.getDefaultInstance();
  }

  @Override
  public GetJwksResponse getJwks(GetJwksRequest r) {
    return GetJwksResponse.newBuilder().setJwksJson(useCases.jwks().jwksJson()).build();
  }

  private static TokenPair toProto(Tokens t) {
    return TokenPair.newBuilder()
        .setAccessToken(t.accessToken())
        .setRefreshToken(t.refreshToken())
        .setExpiresInSeconds(t.expiresInSeconds())
        .setRefreshExpiresInSeconds(t.refreshExpiresInSeconds())
        .setSessionId(t.sessionId())
        .build();
  }
}
