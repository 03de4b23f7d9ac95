import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ClientFacts } from './client-facts';
import { ClientFactsRepository } from './client-facts.repository';

/** Read access to a client's stored facts for other domains (advice conditions read them). */
@Injectable()
export class ClientFactsService {
  constructor(private readonly facts: ClientFactsRepository) {}

  /** The facts as last rebuilt, or null when the client never had any (no report, profile or card event yet). */
  factsOf(orgId: string, clientId: string, manager?: EntityManager): Promise<ClientFacts | null> {
    return this.facts.find(orgId, clientId, manager);
  }
}
