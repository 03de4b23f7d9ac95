import { Injectable } from '@nestjs/common';
import { OrganisationRepository } from '../organisations/organisation.repository';

/** Which audit chains an organisation's auditors answer for. */
@Injectable()
export class AuditChains {
  constructor(private readonly organisations: OrganisationRepository) {}

  /** Its own; the platform organisation's auditors also the platform chain (events of no organisation). */
  async of(orgId: string): Promise<(string | null)[]> {
    const organisation = await this.organisations.findById(orgId);
    return organisation?.isPlatform ? [orgId, null] : [orgId];
  }
}
