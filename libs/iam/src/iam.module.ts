import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditEventsController } from './audit-events/audit-events.controller';
import { AuditChains } from './audit-events/audit-chains';
import { AuditEventsService } from './audit-events/audit-events.service';
import { AuditVerificationProcessor } from './audit-events/audit-verification.processor';
import { AuditVerificationRepository } from './audit-events/audit-verification.repository';
import { AuditVerificationRunner } from './audit-events/audit-verification.runner';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { CredentialsService } from './auth/credentials.service';
import { LoginRateLimitRepository } from './auth/login-rate-limit.repository';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { RefreshTokenRepository } from './auth/refresh-token.repository';
import { TokenService } from './auth/token.service';
import { IAM_ENTITIES } from './entities';
import { OrganisationProvisioner } from './organisations/organisation-provisioner';
import { OrganisationRepository } from './organisations/organisation.repository';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { PasswordService } from './passwords/password.service';
import { PermissionsController } from './permissions/permissions.controller';
import { PermissionsService } from './permissions/permissions.service';
import { RoleRepository } from './roles/role.repository';
import { RolesController } from './roles/roles.controller';
import { RolesService } from './roles/roles.service';
import { DemoSeeder } from './setup/demo-seeder.service';
import { IamSetupService } from './setup/iam-setup.service';
import { AuthStateCache } from './users/auth-state.cache';
import { UserRepository } from './users/user.repository';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/**
 * Identity and access: organisations, staff users, roles, sign-in, API keys, the audit log's HTTP
 * side, and the global guard that authenticates every request and enforces route permissions.
 */
@Module({
  imports: [TypeOrmModule.forFeature(IAM_ENTITIES)],
  controllers: [
    AuthController,
    PermissionsController,
    UsersController,
    RolesController,
    ApiKeysController,
    OrganisationsController,
    AuditEventsController,
  ],
  providers: [
    AuthStateCache,
    OrganisationRepository,
    UserRepository,
    RoleRepository,
    ApiKeyRepository,
    RefreshTokenRepository,
    LoginRateLimitRepository,
    PasswordService,
    TokenService,
    LoginRateLimiter,
    CredentialsService,
    AuthService,
    PermissionsService,
    UsersService,
    RolesService,
    ApiKeysService,
    OrganisationProvisioner,
    OrganisationsService,
    AuditEventsService,
    AuditChains,
    AuditVerificationRepository,
    AuditVerificationRunner,
    AuditVerificationProcessor,
    IamSetupService,
    DemoSeeder,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [UsersService, RolesService, ApiKeysService, OrganisationsService, IamSetupService, DemoSeeder],
})
export class IamModule {}
