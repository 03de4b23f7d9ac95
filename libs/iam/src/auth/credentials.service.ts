import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@health/core';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { UserAuthState, UserRepository } from '../users/user.repository';
import { TokenService } from './token.service';

function unauthenticated(): DomainError {
  return DomainError.unauthorized('UNAUTHENTICATED', 'Sign in or send a valid API key');
}

/** Turns the credentials of a request (Bearer access token or `X-API-Key`) into an actor. */
@Injectable()
export class CredentialsService {
  /**
   * A user's auth state is remembered for a second and shared by the requests of that second; so is
   * the set built from its permissions (actors' permission sets are read-only).
   */
  private readonly permissionSets = new WeakMap<UserAuthState, ReadonlySet<string>>();

  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async authenticate(authorization: string | undefined, apiKey: string | undefined): Promise<Actor> {
    if (authorization) return this.fromBearer(authorization);
    if (apiKey) return this.apiKeys.authenticate(apiKey);
    throw unauthenticated();
  }

  /**
   * The user is read on every request (one indexed query) so that disabling a user, changing their
   * roles or resetting their password takes effect at once rather than when the token expires.
   */
  private async fromBearer(authorization: string): Promise<Actor> {
    const [scheme, token] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated();
    const claims = await this.tokens.verifyAccessToken(token);
    if (!claims) throw unauthenticated();
    const state = await this.users.authState(claims.userId);
    if (
      !state ||
      state.orgId !== claims.orgId ||
      state.status !== 'active' ||
      state.orgStatus !== 'active' ||
      state.tokenVersion !== claims.tokenVersion
    ) {
      throw unauthenticated();
    }
    return {
      type: 'user',
      id: state.id,
      orgId: state.orgId,
      permissions: this.permissionSetOf(state),
      isPlatformAdmin: state.isPlatformAdmin,
      sessionId: claims.sessionId,
    };
  }

  private permissionSetOf(state: UserAuthState): ReadonlySet<string> {
    let permissions = this.permissionSets.get(state);
    if (!permissions) this.permissionSets.set(state, (permissions = new Set(state.permissions)));
    return permissions;
  }
}
