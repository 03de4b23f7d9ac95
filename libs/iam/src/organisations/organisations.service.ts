import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppConfig, DomainError, Page, pageOf, pageOffset } from '@health/core';
import { PasswordService } from '../passwords/password.service';
import { ADMIN_ROLE_CODE } from '../permissions/built-in-roles';
import { toUserDto } from '../users/user.mapper';
import { UserRepository } from '../users/user.repository';
import { isUsernameConflict, usernameTaken } from '../users/users.service';
import {
  CreatedOrganisationDto,
  CreateOrganisationDto,
  ListOrganisationsQueryDto,
  OrganisationDto,
  UpdateOrganisationDto,
} from './dto/organisation.dto';
import { OrganisationProvisioner } from './organisation-provisioner';
import { OrganisationRepository, OrganisationWithCount } from './organisation.repository';

function toOrganisationDto(organisation: OrganisationWithCount): OrganisationDto {
  return {
    id: organisation.id,
    name: organisation.name,
    code: organisation.code,
    timezone: organisation.timezone,
    status: organisation.status,
    isPlatform: organisation.isPlatform,
    userCount: organisation.userCount,
    createdAt: organisation.createdAt.toISOString(),
  };
}

function codeTaken(): DomainError {
  return DomainError.conflict('ORGANISATION_CODE_TAKEN', 'An organisation with this code already exists');
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Tenants, managed by the platform administrator. */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly provisioner: OrganisationProvisioner,
    private readonly passwords: PasswordService,
  ) {}

  async list(query: ListOrganisationsQueryDto): Promise<Page<OrganisationDto>> {
    const [rows, total] = await this.organisations.list(pageOffset(query), query.pageSize);
    return pageOf(rows.map(toOrganisationDto), total, query);
  }

  /** The organisation, its built-in roles and its first administrator, who must change the password at first sign-in. */
  async create(dto: CreateOrganisationDto): Promise<CreatedOrganisationDto> {
    const timezone = dto.timezone ?? this.config.tzDefault;
    if (!isValidTimeZone(timezone)) {
      throw DomainError.badRequest('VALIDATION_FAILED', 'Unknown time zone', [
        { field: 'timezone', code: 'timeZone', message: 'timezone must be an IANA time zone such as Asia/Shanghai' },
      ]);
    }
    const username = dto.admin.username.toLowerCase();
    this.passwords.assertAcceptable({ password: dto.admin.password, username }, 'admin.password');
    const passwordHash = await this.passwords.hash(dto.admin.password);
    try {
      const { organisation, admin } = await this.dataSource.transaction(async (manager) => {
        if (await this.organisations.findByCode(dto.code, manager)) throw codeTaken();
        if (await this.users.usernameTaken(username, manager)) throw usernameTaken();
        const created = await this.provisioner.createOrganisation(manager, {
          name: dto.name,
          code: dto.code,
          timezone,
          isPlatform: false,
        });
        const user = await this.provisioner.addStaff(
          manager,
          created.id,
          {
            username,
            displayName: dto.admin.displayName,
            email: null,
            passwordHash,
            mustChangePassword: true,
            isPlatformAdmin: false,
          },
          ADMIN_ROLE_CODE,
        );
        return { organisation: created, admin: user };
      });
      return { organisation: toOrganisationDto({ ...organisation, userCount: 1 }), admin: toUserDto(admin) };
    } catch (err) {
      if (isUsernameConflict(err)) throw usernameTaken();
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { constraint?: string }).constraint === 'organisation_code_unique'
      ) {
        throw codeTaken();
      }
      throw err;
    }
  }

  /** The platform organisation stays active: its administrator is the only one who could re-enable it. */
  async update(id: string, dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    const organisation = await this.organisations.findById(id);
    if (!organisation) throw DomainError.notFound('ORGANISATION_NOT_FOUND', 'Organisation not found');
    if (organisation.isPlatform && dto.status === 'disabled') {
      throw DomainError.conflict('PLATFORM_ORGANISATION_PROTECTED', 'The platform organisation cannot be disabled');
    }
    await this.organisations.update(id, { name: dto.name, status: dto.status });
    return toOrganisationDto((await this.organisations.findWithCount(id))!);
  }
}
