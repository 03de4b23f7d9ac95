import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'access:public';
export const REQUIRED_PERMISSIONS = 'access:permissions';
export const PLATFORM_ADMIN_ONLY = 'access:platform-admin';
export const AUTHENTICATED_ONLY = 'access:authenticated';

/**
 * Access is denied by default: every route carries exactly one of these decorators, and a test
 * walks the running app's routes to prove it.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller (user or API key) must hold every listed permission code. */
export const RequirePermissions = (...codes: [string, ...string[]]) =>
  applyDecorators(SetMetadata(REQUIRED_PERMISSIONS, codes), ApiBearerAuth(), ApiSecurity('apiKey'));

/** Any signed-in user, whatever their permissions (their own profile, password change). */
export const Authenticated = () => applyDecorators(SetMetadata(AUTHENTICATED_ONLY, true), ApiBearerAuth());

/** Only the platform administrator (the first admin) may call it. */
export const PlatformAdminOnly = () => applyDecorators(SetMetadata(PLATFORM_ADMIN_ONLY, true), ApiBearerAuth());

export const ACCESS_METADATA_KEYS = [PUBLIC_ROUTE, REQUIRED_PERMISSIONS, AUTHENTICATED_ONLY, PLATFORM_ADMIN_ONLY] as const;
