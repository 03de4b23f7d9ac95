import { ageOn } from './client-identity';
import { ClientConsent } from './entities/client-consent.entity';
import { Client } from './entities/client.entity';
import { ClientDto, ConsentDto, ManagerRefDto } from './dto/client.dto';

/** Only masked copies of the ID number, phones and WeChat openid ever leave through here. */
export function toClientDto(client: Client, today: string, manager?: ManagerRefDto): ClientDto {
  const contact = client.emergencyContact;
  return {
    id: client.id,
    name: client.name,
    gender: client.gender,
    birthDate: client.birthDate,
    age: ageOn(client.birthDate, today),
    idType: client.idType ?? undefined,
    idNumberMasked: client.idNumberMasked ?? undefined,
    phoneMasked: client.phoneMasked ?? undefined,
    wechatBound: client.wechatOpenIdHash !== null,
    wechatOpenIdMasked: client.wechatOpenIdMasked,
    wechatBoundAt: client.wechatBoundAt?.toISOString() ?? null,
    address: client.address ?? undefined,
    emergencyContact: contact ? { name: contact.name, relation: contact.relation, phoneMasked: contact.phoneMasked } : undefined,
    sourceChannel: client.sourceChannel ?? undefined,
    manager,
    notes: client.notes ?? undefined,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
  };
}

export function toConsentDto(consent: ClientConsent): ConsentDto {
  return {
    id: consent.id,
    kind: consent.kind,
    version: consent.version,
    granted: consent.granted,
    recordedAt: consent.recordedAt.toISOString(),
    recordedBy: consent.recordedBy,
  };
}
