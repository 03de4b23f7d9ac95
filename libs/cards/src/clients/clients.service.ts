import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  AppConfig,
  AuditService,
  BlindIndex,
  calendarDateIn,
  DomainError,
  FieldCipher,
  OutboxWriter,
  estimatedPageOf,
  pageOffset,
  RequestContext,
} from '@health/core';
import { orgIdOf, UsersService } from '@health/iam';
import { CardsService } from '../cards/cards.service';
import { checkContactPhone, checkIdNumber, Checked, checkMobile, maskIdNumber, maskPhone } from './client-identity';
import { toClientDto, toConsentDto } from './client.mapper';
import {
  CLIENT_TOTAL_EXACT_UP_TO,
  ClientListFilter,
  ClientRepository,
  isDuplicateIdNumber,
  isDuplicateWechatOpenId,
} from './client.repository';
import { maskWechatOpenId, WECHAT_OPEN_ID_CONTEXT } from './client-wechat';
import { ClientReminderConsentWithdrawn } from './clients.events';
import {
  ClientConsentsDto,
  ClientPageDto,
  ClientDto,
  ConsentDto,
  CreateClientDto,
  EmergencyContactInputDto,
  ListClientsQueryDto,
  ManagerRefDto,
  ReasonDto,
  RecordConsentDto,
  UnmaskedClientDto,
  UpdateClientDto,
  WechatBindingDto,
} from './dto/client.dto';
import { Client, Gender, IdType, StoredEmergencyContact } from './entities/client.entity';
import { nameInitials } from './name-initials';

/** Authenticated-data contexts of the encrypted columns (and of their blind indexes). */
const ID_NUMBER = 'client.id_number';
const PHONE = 'client.phone';
const CONTACT_PHONE = 'client.emergency_contact_phone';

function clientNotFound(): DomainError {
  return DomainError.notFound('CLIENT_NOT_FOUND', 'Client not found');
}

function duplicateIdNumber(existingId: string): DomainError {
  return DomainError.conflict('CLIENT_DUPLICATE_ID_NUMBER', 'A client with this ID number already exists', [
    { field: 'idNumber', code: 'existingClientId', message: existingId },
  ]);
}

function wechatAlreadyBound(holderId: string): DomainError {
  return DomainError.conflict('WECHAT_ALREADY_BOUND', 'This WeChat openid is bound to another client', [
    { field: 'openId', code: 'existingClientId', message: holderId },
  ]);
}

function valueOf<T>(checked: Checked<T>, field: string): T {
  if (checked.ok) return checked.value;
  const message = checked.problem === 'ID_NUMBER_MISMATCH' ? 'ID number does not match birth date or gender' : `Invalid ${field}`;
  throw DomainError.badRequest(checked.problem, message, [
    { field, code: checked.problem, message: `${field} ${checked.reason}` },
  ]);
}

/** The encrypted, indexed and masked columns of an identity. */
interface IdentityColumns {
  idType: IdType | null;
  idNumberCipher: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
}

type WechatColumns = Pick<Client, 'wechatOpenIdCipher' | 'wechatOpenIdHash' | 'wechatOpenIdMasked' | 'wechatBoundAt'>;

/**
 * Clients (客户) of the caller's organisation. ID numbers, phones and WeChat openids are validated
 * here, then stored only encrypted, blind-indexed and masked; full values leave only through
 * `unmask` (and the openid, for sending, through `ClientRecipients`).
 */
@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientRepository,
    private readonly users: UsersService,
    private readonly moduleRef: ModuleRef,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly audit: AuditService,
    private readonly outbox: OutboxWriter,
    private readonly config: AppConfig,
  ) {}

  /**
   * For other domains (cards, archives): 404 `CLIENT_NOT_FOUND` unless the client exists, is not
   * deleted and belongs to the current actor's organisation. Pass the transaction's manager when
   * called inside one.
   */
  async assertClientExists(clientId: string, manager?: EntityManager): Promise<void> {
    const orgId = RequestContext.actor()?.orgId;
    if (!orgId || !(await this.clients.liveExists(orgId, clientId, manager))) throw clientNotFound();
  }

  /** The client's sex, for rules that depend on it (women's history); 404 exactly like `assertClientExists`. */
  async genderOf(clientId: string, manager?: EntityManager): Promise<Client['gender']> {
    return (await this.factsOf(clientId, manager)).gender;
  }

  /** What another domain needs of a client to judge its data (sex, birth date); 404 like `assertClientExists`. */
  async factsOf(clientId: string, manager?: EntityManager): Promise<ClientFacts> {
    const orgId = RequestContext.actor()?.orgId;
    const facts = orgId ? await this.clients.liveFacts(orgId, clientId, manager) : null;
    if (!facts) throw clientNotFound();
    return facts;
  }

  /** For workers acting on an event of one organisation: the live client's facts, or null once deleted. */
  factsInOrg(orgId: string, clientId: string, manager?: EntityManager): Promise<ClientFacts | null> {
    return this.clients.liveFacts(orgId, clientId, manager);
  }

  /**
   * For systems that send identities instead of client ids (exam reports): the live client of the
   * current organisation with this resident ID number (exact, through the blind index), otherwise
   * the one with this mobile number and exactly this name. Several clients sharing phone and name →
   * 422 `CLIENT_MATCH_AMBIGUOUS`. The caller validates the numbers first.
   */
  async findByIdentity(identity: ClientIdentityQuery, manager?: EntityManager): Promise<ClientFacts | null> {
    const orgId = RequestContext.actor()?.orgId;
    if (!orgId) return null;
    if (identity.idNumber !== undefined) {
      const number = identity.idNumber
        .normalize('NFKC')
        .replace(/[\s-]+/g, '')
        .toUpperCase();
      const client = await this.clients.findLiveByIdNumberHash(orgId, this.blindIndex.compute(number, ID_NUMBER), manager);
      if (client) return toFacts(client);
    }
    if (identity.phone === undefined) return null;
    const phone = valueOf(checkMobile(identity.phone), 'phone');
    const matches = await this.clients.findLiveByPhoneAndName(
      orgId,
      this.blindIndex.compute(phone, PHONE),
      identity.name.trim(),
      manager,
    );
    if (matches.length > 1) {
      throw DomainError.unprocessable(
        'CLIENT_MATCH_AMBIGUOUS',
        'Several clients share this phone and name; send the ID number or the client id',
      );
    }
    return matches.length === 1 ? toFacts(matches[0]) : null;
  }

  async list(actor: Actor, query: ListClientsQueryDto): Promise<ClientPageDto> {
    const today = this.today();
    const filter: ClientListFilter = {
      ...this.searchFilter(query.search),
      managerId: query.managerId,
      tagId: query.tagId,
      gender: query.gender,
      sort: query.sort ?? '-createdAt',
    };
    if (query.phone !== undefined) filter.phoneHash = this.blindIndex.compute(valueOf(checkMobile(query.phone), 'phone'), PHONE);
    if (query.idNumber !== undefined) filter.idNumberHash = this.blindIndex.compute(query.idNumber, ID_NUMBER);
    if (query.cardNumber !== undefined) filter.ids = await this.cards().clientIdsByCardNumber(query.cardNumber);
    if (query.ageMin !== undefined) filter.bornOnOrBefore = shiftYears(today, -query.ageMin);
    if (query.ageMax !== undefined) filter.bornOnOrAfter = dayAfter(shiftYears(today, -(query.ageMax + 1)));
    const [rows, total] = await this.clients.list(orgIdOf(actor), filter, pageOffset(query), query.pageSize);
    const managers = await this.managerRefs(actor, rows);
    return estimatedPageOf(
      rows.map((c) => toClientDto(c, today, c.managerId ? managers.get(c.managerId) : undefined)),
      total,
      CLIENT_TOTAL_EXACT_UP_TO,
      query,
    );
  }

  /** Reading a client's record is audited (`client.read`). */
  async get(actor: Actor, id: string): Promise<ClientDto> {
    const client = await this.require(actor, id);
    await this.audit.record({ action: 'client.read', targetType: 'client', targetId: client.id });
    return this.toDto(actor, client);
  }

  /**
   * Registers a client. Pass `manager` to make the new row part of the caller's transaction (an
   * import row, an ingested report): the duplicate check then runs in it too, and a refusal leaves
   * that transaction usable.
   */
  async create(actor: Actor, dto: CreateClientDto, manager?: EntityManager): Promise<ClientDto> {
    const orgId = orgIdOf(actor);
    const today = this.today();
    this.assertBirthDate(dto.birthDate, today);
    const identity =
      dto.idNumber === undefined
        ? noIdentity()
        : this.identityColumns(
            dto.idType ?? 'resident_id',
            dto.idNumber,
            { birthDate: dto.birthDate, gender: dto.gender },
            today,
          );
    const phone = this.phoneColumns(dto.phone);
    if (dto.managerId) await this.assertManager(actor, dto.managerId, manager);
    const saved = await this.clients.insertUnlessIdNumberTaken(
      {
        orgId,
        name: dto.name.trim(),
        nameInitials: nameInitials(dto.name),
        gender: dto.gender,
        birthDate: dto.birthDate,
        ...identity,
        ...phone,
        address: dto.address ?? null,
        emergencyContact: this.contactColumns(dto.emergencyContact),
        sourceChannel: dto.sourceChannel ?? null,
        managerId: dto.managerId ?? null,
        notes: dto.notes ?? null,
      },
      manager,
    );
    if (!saved) {
      // Only an ID number can conflict, so the hash is there.
      const holder = await this.clients.idNumberHolder(orgId, identity.idNumberHash!, undefined, manager);
      if (holder) throw duplicateIdNumber(holder);
      // The holder was deleted between the insert and the look-up: try once more.
      return this.create(actor, dto, manager);
    }
    return this.toDto(actor, saved, manager);
  }

  async update(actor: Actor, id: string, dto: UpdateClientDto): Promise<ClientDto> {
    const orgId = orgIdOf(actor);
    const today = this.today();
    const client = await this.require(actor, id);
    const person = { birthDate: dto.birthDate ?? client.birthDate, gender: dto.gender ?? client.gender };
    if (dto.birthDate !== undefined) this.assertBirthDate(dto.birthDate, today);
    let identity: IdentityColumns | undefined;
    if (dto.idNumber === null) {
      identity = noIdentity();
    } else if (dto.idNumber !== undefined) {
      identity = this.identityColumns(dto.idType ?? client.idType ?? 'resident_id', dto.idNumber, person, today);
    } else if (dto.idType !== undefined && dto.idType !== client.idType) {
      throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', [
        { field: 'idNumber', code: 'required', message: 'idNumber is required when idType changes' },
      ]);
    } else if (client.idType && client.idNumberCipher && (dto.birthDate !== undefined || dto.gender !== undefined)) {
      // A changed birth date or sex must still agree with the stored ID number.
      const stored = this.cipher.decrypt(client.idNumberCipher, ID_NUMBER);
      valueOf(checkIdNumber(client.idType, stored, person, today), 'idNumber');
    }
    if (dto.managerId && dto.managerId !== client.managerId) await this.assertManager(actor, dto.managerId);

    const changes: Partial<Client> = { gender: person.gender, birthDate: person.birthDate, ...identity };
    if (dto.name !== undefined) Object.assign(changes, { name: dto.name.trim(), nameInitials: nameInitials(dto.name) });
    if (dto.phone !== undefined) Object.assign(changes, this.phoneColumns(dto.phone ?? undefined));
    if (dto.emergencyContact !== undefined) changes.emergencyContact = this.contactColumns(dto.emergencyContact ?? undefined);
    if (dto.address !== undefined) changes.address = dto.address;
    if (dto.sourceChannel !== undefined) changes.sourceChannel = dto.sourceChannel;
    if (dto.managerId !== undefined) changes.managerId = dto.managerId;
    if (dto.notes !== undefined) changes.notes = dto.notes;

    const saved = await this.writeUniquely(identity ?? noIdentity(), orgId, () =>
      this.dataSource.transaction(async (m) => {
        // Re-read under a row lock: a delete or change committed since the checks above must not be overwritten.
        const current = await this.clients.findLive(orgId, client.id, m, true);
        if (!current) throw clientNotFound();
        if (identity?.idNumberHash) await this.assertIdNumberFree(m, orgId, identity.idNumberHash, client.id);
        return this.clients.save(m, Object.assign(current, changes));
      }),
    );
    return this.toDto(actor, saved);
  }

  /** Soft delete: the row stays for the audit trail, but the client is gone for every reader. */
  async remove(actor: Actor, id: string, dto: ReasonDto): Promise<void> {
    const client = await this.require(actor, id);
    await this.dataSource.transaction((m) => this.clients.softDelete(m, client.id, dto.reason.trim()));
  }

  /** The full ID number, phones and WeChat openid, for holders of `clients:unmask`; audited with the stated reason kept. */
  async unmask(actor: Actor, id: string, dto: ReasonDto): Promise<UnmaskedClientDto> {
    const client = await this.require(actor, id);
    await this.dataSource.transaction(async (m) => {
      await this.clients.insertUnmask(m, {
        orgId: client.orgId,
        clientId: client.id,
        actorType: actor.type,
        actorId: actor.id,
        reason: dto.reason.trim(),
      });
      await this.audit.record({ action: 'client.unmask', targetType: 'client', targetId: client.id }, m);
    });
    return {
      idNumber: client.idNumberCipher ? this.cipher.decrypt(client.idNumberCipher, ID_NUMBER) : undefined,
      phone: client.phoneCipher ? this.cipher.decrypt(client.phoneCipher, PHONE) : undefined,
      emergencyContactPhone: client.emergencyContact
        ? this.cipher.decrypt(client.emergencyContact.phoneCipher, CONTACT_PHONE)
        : undefined,
      wechatOpenId: client.wechatOpenIdCipher
        ? this.cipher.decrypt(client.wechatOpenIdCipher, WECHAT_OPEN_ID_CONTEXT)
        : undefined,
    };
  }

  /**
   * Binds the client's WeChat Official Account openid (reported by a WeChat middleware once the
   * client scanned the account's QR code, or typed by staff), replacing any earlier one. An openid
   * reaches one person: bound to another live client of the organisation → 409
   * `WECHAT_ALREADY_BOUND` naming that client. Sending the bound openid again changes nothing.
   */
  async bindWechat(actor: Actor, id: string, dto: WechatBindingDto): Promise<ClientDto> {
    const orgId = orgIdOf(actor);
    const binding = this.wechatColumns(dto.openId);
    const hash = binding.wechatOpenIdHash!;
    let saved: Client;
    try {
      saved = await this.dataSource.transaction(async (m) => {
        const current = await this.clients.findLive(orgId, id, m, true);
        if (!current) throw clientNotFound();
        if (current.wechatOpenIdHash === hash) return current;
        const holder = await this.clients.wechatOpenIdHolder(orgId, hash, current.id, m);
        if (holder) throw wechatAlreadyBound(holder);
        return this.clients.save(m, Object.assign(current, binding));
      });
    } catch (err) {
      // A concurrent binding of the same openid to another client committed first.
      if (!isDuplicateWechatOpenId(err)) throw err;
      const holder = await this.clients.wechatOpenIdHolder(orgId, hash, id);
      throw holder ? wechatAlreadyBound(holder) : err;
    }
    return this.toDto(actor, saved);
  }

  /** Removes the WeChat binding; a client without one stays as it is. */
  async unbindWechat(actor: Actor, id: string): Promise<void> {
    const orgId = orgIdOf(actor);
    await this.dataSource.transaction(async (m) => {
      const current = await this.clients.findLive(orgId, id, m, true);
      if (!current) throw clientNotFound();
      if (current.wechatOpenIdHash === null) return;
      await this.clients.save(m, Object.assign(current, noWechatBinding()));
    });
  }

  async consents(actor: Actor, id: string): Promise<ClientConsentsDto> {
    const client = await this.require(actor, id);
    const history = (await this.clients.consents(client.id)).map(toConsentDto);
    const current = new Map<string, ConsentDto>();
    for (const consent of history) if (!current.has(consent.kind)) current.set(consent.kind, consent);
    return { current: [...current.values()], history };
  }

  /**
   * Appends a consent decision. Withdrawing a granted reminder consent emits
   * `client.reminder_consent_withdrawn` in the same transaction, so reminders stop exactly when
   * the withdrawal is on record.
   */
  async recordConsent(actor: Actor, id: string, dto: RecordConsentDto): Promise<ConsentDto> {
    const orgId = orgIdOf(actor);
    const consent = await this.dataSource.transaction(async (m) => {
      const client = await this.require(actor, id, m);
      const previous = await this.clients.latestConsent(m, client.id, dto.kind);
      const recorded = await this.clients.insertConsent(m, {
        orgId,
        clientId: client.id,
        kind: dto.kind,
        version: dto.version,
        granted: dto.granted,
        recordedBy: actor.id,
      });
      if (dto.kind === 'reminders' && !dto.granted && previous?.granted) {
        await this.outbox.append(m, {
          event: ClientReminderConsentWithdrawn,
          orgId,
          aggregateId: client.id,
          payload: { clientId: client.id, consentId: recorded.id },
        });
      }
      return recorded;
    });
    return toConsentDto(consent);
  }

  /**
   * Looked up when needed rather than injected: cards depend on clients (`assertClientExists`),
   * so a constructor dependency back would be a cycle, in Nest and in the module imports alike.
   */
  private cards(): CardsService {
    return this.moduleRef.get(CardsService);
  }

  private async require(actor: Actor, id: string, manager?: EntityManager): Promise<Client> {
    const client = await this.clients.findLive(orgIdOf(actor), id, manager);
    if (!client) throw clientNotFound();
    return client;
  }

  private async toDto(actor: Actor, client: Client, manager?: EntityManager): Promise<ClientDto> {
    const managers = await this.managerRefs(actor, [client], manager);
    return toClientDto(client, this.today(), client.managerId ? managers.get(client.managerId) : undefined);
  }

  /** Names of the assigned managers, through iam's public service, in one query per page. */
  private async managerRefs(actor: Actor, clients: Client[], manager?: EntityManager): Promise<Map<string, ManagerRefDto>> {
    const ids = [...new Set(clients.map((c) => c.managerId).filter((id): id is string => !!id))];
    const names = await this.users.displayNames(actor, ids, manager);
    return new Map([...names].map(([id, displayName]) => [id, { id, displayName }]));
  }

  private async assertManager(actor: Actor, managerId: string, manager?: EntityManager): Promise<void> {
    const refused = DomainError.badRequest(
      'MANAGER_NOT_FOUND',
      'The assigned manager is not an active user of this organisation',
      [{ field: 'managerId', code: 'notFound', message: 'managerId must be an active staff user of the organisation' }],
    );
    try {
      const user = await this.users.get(actor, managerId, manager);
      if (user.status !== 'active') throw refused;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'USER_NOT_FOUND') throw refused;
      throw err;
    }
  }

  private async assertIdNumberFree(manager: EntityManager, orgId: string, hash: string, exceptId?: string): Promise<void> {
    const holder = await this.clients.idNumberHolder(orgId, hash, exceptId, manager);
    if (holder) throw duplicateIdNumber(holder);
  }

  /** A concurrent request may take the ID number between the check and the insert: answer 409 all the same. */
  private async writeUniquely(identity: IdentityColumns, orgId: string, write: () => Promise<Client>): Promise<Client> {
    try {
      return await write();
    } catch (err) {
      if (!isDuplicateIdNumber(err) || !identity.idNumberHash) throw err;
      const holder = await this.clients.idNumberHolder(orgId, identity.idNumberHash);
      throw holder ? duplicateIdNumber(holder) : err;
    }
  }

  private identityColumns(
    idType: IdType,
    idNumber: string,
    person: { birthDate: string; gender: Gender },
    today: string,
  ): IdentityColumns {
    const number = valueOf(checkIdNumber(idType, idNumber, person, today), 'idNumber');
    return {
      idType,
      idNumberCipher: this.cipher.encrypt(number, ID_NUMBER),
      idNumberHash: this.blindIndex.compute(number, ID_NUMBER),
      idNumberMasked: maskIdNumber(number),
    };
  }

  private phoneColumns(phone: string | undefined): Pick<Client, 'phoneCipher' | 'phoneHash' | 'phoneMasked'> {
    if (phone === undefined) return { phoneCipher: null, phoneHash: null, phoneMasked: null };
    const number = valueOf(checkMobile(phone), 'phone');
    return {
      phoneCipher: this.cipher.encrypt(number, PHONE),
      phoneHash: this.blindIndex.compute(number, PHONE),
      phoneMasked: maskPhone(number),
    };
  }

  private wechatColumns(openId: string): WechatColumns {
    return {
      wechatOpenIdCipher: this.cipher.encrypt(openId, WECHAT_OPEN_ID_CONTEXT),
      // Exact: openids are case-sensitive and may contain dashes, which the usual normalising would fold away.
      wechatOpenIdHash: this.blindIndex.computeExact(openId, WECHAT_OPEN_ID_CONTEXT),
      wechatOpenIdMasked: maskWechatOpenId(openId),
      wechatBoundAt: new Date(),
    };
  }

  private contactColumns(contact: EmergencyContactInputDto | undefined): StoredEmergencyContact | null {
    if (!contact) return null;
    const phone = valueOf(checkContactPhone(contact.phone), 'emergencyContact.phone');
    return {
      name: contact.name.trim(),
      relation: contact.relation.trim(),
      phoneCipher: this.cipher.encrypt(phone, CONTACT_PHONE),
      phoneMasked: maskPhone(phone),
    };
  }

  /**
   * Free text as the list understands it: a complete mobile number or something shaped like an ID
   * number is looked up exactly through the blind index; anything else searches names and initials.
   */
  private searchFilter(search: string | undefined): Partial<ClientListFilter> {
    const text = search?.trim();
    if (!text) return {};
    const mobile = checkMobile(text);
    if (mobile.ok) return { searchPhoneHash: this.blindIndex.compute(mobile.value, PHONE) };
    if (/^(?=.*\d)[A-Za-z0-9-]{6,}$/.test(text)) {
      return { searchIdNumberHash: this.blindIndex.compute(text, ID_NUMBER) };
    }
    return { nameOrInitials: text };
  }

  private assertBirthDate(birthDate: string, today: string): void {
    if (birthDate > today || birthDate < '1900-01-01') {
      throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', [
        { field: 'birthDate', code: 'outOfRange', message: 'birthDate must be between 1900-01-01 and today' },
      ]);
    }
  }

  /** Today in the platform's time zone: ages and birth-date checks follow the local calendar. */
  private today(): string {
    return calendarDateIn(this.config.tzDefault);
  }
}

/** Sex and birth date of a client: what reference intervals and ages depend on. */
export interface ClientFacts {
  id: string;
  gender: Gender;
  birthDate: string;
}

export interface ClientIdentityQuery {
  name: string;
  idNumber?: string;
  phone?: string;
}

function toFacts(client: Client): ClientFacts {
  return { id: client.id, gender: client.gender, birthDate: client.birthDate };
}

function noIdentity(): IdentityColumns {
  return { idType: null, idNumberCipher: null, idNumberHash: null, idNumberMasked: null };
}

function noWechatBinding(): WechatColumns {
  return { wechatOpenIdCipher: null, wechatOpenIdHash: null, wechatOpenIdMasked: null, wechatBoundAt: null };
}

/** `YYYY-MM-DD` moved by whole years (29 February becomes 28 February in common years). */
export function shiftYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
