import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import { StaffUser } from '../entities/staff-user.entity';
import { BUILT_IN_ROLES } from '../permissions/built-in-roles';
import { RoleRepository } from '../roles/role.repository';
import { NewUser, UserRepository } from '../users/user.repository';
import { OrganisationRepository } from './organisation.repository';

export type NewStaffMember = Omit<NewUser, 'orgId'>;

/** Creates organisations with their built-in roles, and users holding a built-in role; inside the caller's transaction. */
@Injectable()
export class OrganisationProvisioner {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly roles: RoleRepository,
    private readonly users: UserRepository,
  ) {}

  async createOrganisation(
    manager: EntityManager,
    values: Pick<Organisation, 'name' | 'code' | 'timezone' | 'isPlatform'>,
  ): Promise<Organisation> {
    const organisation = await this.organisations.insert(manager, values);
    await this.roles.syncBuiltIns(manager, organisation.id, BUILT_IN_ROLES);
    return organisation;
  }

  async addStaff(manager: EntityManager, orgId: string, member: NewStaffMember, roleCode: string): Promise<StaffUser> {
    const role = await this.roles.findByCode(orgId, roleCode, manager);
    if (!role) throw new Error(`built-in role ${roleCode} missing in organisation ${orgId}`);
    return this.users.insert(manager, { ...member, orgId }, [role]);
  }

  /** Brings every organisation's built-in roles to the current definitions (new roles, new permissions). */
  async syncAllBuiltInRoles(manager: EntityManager): Promise<void> {
    for (const orgId of await this.organisations.findAllIds(manager)) {
      await this.roles.syncBuiltIns(manager, orgId, BUILT_IN_ROLES);
    }
  }
}
