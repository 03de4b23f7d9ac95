import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  findAliasConflicts,
  normaliseName,
  normaliseOrdinal,
  normaliseUnit,
  parseAlias,
  type IndicatorDefinition,
  type ReferenceInterval,
} from '@health/clinical';
import { Actor, DomainError, ErrorDetail, Page, pageOf, pageOffset, PageQueryDto } from '@health/core';
import { orgIdOf } from '@health/iam';
import {
  CreateIndicatorDto,
  IndicatorDefinitionDto,
  IndicatorDto,
  IndicatorVersionDto,
  LimitsBySexDto,
  ListIndicatorsQueryDto,
  ReferenceLimitsDto,
  UpdateIndicatorDto,
} from './dto/indicator.dto';
import { displayDecimals } from './display-precision';
import { changedFields, formatAlias } from './indicator-definition';
import { IndicatorDictionaryService } from './indicator-dictionary.service';
import { IndicatorRepository, IndicatorRow, IndicatorStatus } from './indicator.repository';

export function indicatorNotFound(): DomainError {
  return DomainError.notFound('INDICATOR_NOT_FOUND', 'Indicator not found');
}

function invalid(details: ErrorDetail[]): DomainError {
  return DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', details);
}

export function toDefinitionDto(definition: IndicatorDefinition): IndicatorDefinitionDto {
  const limits = (interval: ReferenceInterval): ReferenceLimitsDto => ({
    low: interval.low ?? null,
    high: interval.high ?? null,
  });
  return {
    code: definition.code,
    nameZh: definition.nameZh,
    nameEn: definition.nameEn,
    category: definition.category,
    unit: definition.unit,
    valueType: definition.valueType,
    loinc: definition.loinc ?? null,
    limits: { male: limits(definition.limits.male), female: limits(definition.limits.female) },
    refText: definition.refText,
    aliases: definition.aliases.map(formatAlias),
    altUnits: definition.altUnits.map((alt) => ({ unit: alt.unit, factor: alt.factor })),
    source: definition.source,
    decimals: displayDecimals(definition),
  };
}

function toIndicatorDto(row: IndicatorRow): IndicatorDto {
  return {
    ...toDefinitionDto(row.definition),
    version: row.version,
    scope: row.orgId === null ? 'platform' : 'organisation',
    fromPlatform: row.fromPlatform,
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toInterval(limits: ReferenceLimitsDto | undefined): ReferenceInterval {
  const low = limits?.low ?? undefined;
  const high = limits?.high ?? undefined;
  return { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
}

function toLimits(dto: LimitsBySexDto | undefined): IndicatorDefinition['limits'] {
  return { male: toInterval(dto?.male), female: toInterval(dto?.female) };
}

/**
 * The rules `parseIndicatorCsv` applies to a file row, applied to an edited definition: limits in
 * order, ordinal grades readable, aliases not empty, one factor per unit spelling.
 */
function problemsOf(definition: IndicatorDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const sex of ['male', 'female'] as const) {
    const { low, high } = definition.limits[sex];
    if (low !== undefined && high !== undefined && low > high) {
      problems.push({ field: `limits.${sex}`, code: 'lowAboveHigh', message: `limits.${sex}.low must not exceed high` });
    }
  }
  if (definition.valueType !== 'numeric' && [definition.limits.male, definition.limits.female].some((l) => l.low ?? l.high)) {
    problems.push({ field: 'limits', code: 'notNumeric', message: 'only numeric indicators have numeric limits' });
  }
  if (definition.valueType === 'ordinal') {
    const bad = definition.refText
      .split('|')
      .map((grade) => grade.trim())
      .filter((grade) => grade !== '' && !normaliseOrdinal(grade).ok);
    if (bad.length > 0) {
      problems.push({ field: 'refText', code: 'ordinalGrade', message: `not ordinal grades: ${bad.join(', ')}` });
    }
  }
  definition.aliases.forEach((alias, index) => {
    if (normaliseName(alias.name) === '') {
      problems.push({ field: `aliases[${index}]`, code: 'empty', message: 'alias is empty after normalisation' });
    }
  });
  const factors = new Map<string, number>();
  if (definition.unit !== '') factors.set(normaliseUnit(definition.unit), 1);
  definition.altUnits.forEach((alt, index) => {
    const key = normaliseUnit(alt.unit);
    const known = factors.get(key);
    if (known !== undefined && known !== alt.factor) {
      problems.push({
        field: `altUnits[${index}]`,
        code: 'conflictingFactor',
        message: `${alt.unit} already converts with ${known}`,
      });
    }
    factors.set(key, alt.factor);
  });
  return problems;
}

/**
 * Admin use cases of the dictionary: list and read what the organisation sees, add its own
 * indicators, edit ranges, names and aliases. Every change is a new version of the organisation's
 * row (author, time, changed fields); the platform rows and other organisations are untouched.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: IndicatorRepository,
    private readonly dictionary: IndicatorDictionaryService,
  ) {}

  async list(actor: Actor, query: ListIndicatorsQueryDto): Promise<Page<IndicatorDto>> {
    const snapshot = await this.dictionary.snapshot(orgIdOf(actor));
    const search = query.search?.trim();
    const searchKey = search ? normaliseName(search) : undefined;
    const matches = snapshot.rows.filter(({ definition, status }) => {
      if (query.category !== undefined && definition.category !== query.category) return false;
      if (query.valueType !== undefined && definition.valueType !== query.valueType) return false;
      if (query.status !== undefined && status !== query.status) return false;
      if (searchKey === undefined) return true;
      const names = [definition.code, definition.nameZh, definition.nameEn, ...definition.aliases.map((a) => a.name)];
      return names.some((name) => normaliseName(name).includes(searchKey));
    });
    const sort = query.sort ?? 'code';
    const descending = sort.startsWith('-');
    const key = (row: IndicatorRow) => (sort.endsWith('category') ? `${row.definition.category}\u0000${row.code}` : row.code);
    const sorted = [...matches].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1));
    const offset = pageOffset(query);
    return pageOf(sorted.slice(offset, offset + query.pageSize).map(toIndicatorDto), sorted.length, query);
  }

  async get(actor: Actor, code: string): Promise<IndicatorDto> {
    const row = (await this.dictionary.snapshot(orgIdOf(actor))).byCode.get(code);
    if (row === undefined) throw indicatorNotFound();
    return toIndicatorDto(row);
  }

  async versions(actor: Actor, code: string, query: PageQueryDto): Promise<Page<IndicatorVersionDto>> {
    const orgId = orgIdOf(actor);
    if (!(await this.dictionary.snapshot(orgId)).byCode.has(code)) throw indicatorNotFound();
    const [rows, total] = await this.indicators.listVersions(orgId, code, pageOffset(query), query.pageSize);
    return pageOf(
      rows.map((row) => ({
        version: row.version,
        at: row.createdAt.toISOString(),
        scope: row.orgId === null ? 'platform' : 'organisation',
        status: row.status,
        changeKind: row.changeKind,
        changedFields: row.changedFields,
        actor: { type: row.actorType, id: row.actorId, displayName: row.actorName },
        definition: toDefinitionDto(row.definition),
      })),
      total,
      query,
    );
  }

  async create(actor: Actor, dto: CreateIndicatorDto): Promise<IndicatorDto> {
    const definition: IndicatorDefinition = {
      code: dto.code,
      nameZh: dto.nameZh.trim(),
      nameEn: dto.nameEn.trim(),
      category: dto.category.trim(),
      unit: (dto.unit ?? '').trim(),
      valueType: dto.valueType,
      ...(dto.loinc ? { loinc: dto.loinc } : {}),
      limits: toLimits(dto.limits),
      refText: dto.refText?.trim() ?? '',
      aliases: (dto.aliases ?? []).map(parseAlias),
      altUnits: (dto.altUnits ?? []).map((alt) => ({ unit: alt.unit.trim(), factor: alt.factor })),
      source: dto.source?.trim() ?? '',
    };
    return this.save(actor, definition, 'active', undefined, 'create');
  }

  async update(actor: Actor, code: string, dto: UpdateIndicatorDto): Promise<IndicatorDto> {
    const current = (await this.dictionary.snapshot(orgIdOf(actor))).byCode.get(code);
    if (current === undefined) throw indicatorNotFound();
    const before = current.definition;
    const loinc = dto.loinc === undefined ? before.loinc : (dto.loinc ?? undefined);
    const definition: IndicatorDefinition = {
      code: before.code,
      nameZh: dto.nameZh?.trim() ?? before.nameZh,
      nameEn: dto.nameEn?.trim() ?? before.nameEn,
      category: dto.category?.trim() ?? before.category,
      unit: before.unit,
      valueType: before.valueType,
      ...(loinc === undefined ? {} : { loinc }),
      limits: dto.limits === undefined ? before.limits : toLimits(dto.limits),
      refText: dto.refText?.trim() ?? before.refText,
      aliases: dto.aliases?.map(parseAlias) ?? before.aliases,
      altUnits: dto.altUnits?.map((alt) => ({ unit: alt.unit.trim(), factor: alt.factor })) ?? before.altUnits,
      source: dto.source?.trim() ?? before.source,
    };
    return this.save(actor, definition, dto.status ?? current.status, dto.expectedVersion, 'update');
  }

  /**
   * `status` retires an organisation's own indicator or brings it back. Only indicators the
   * organisation added can be retired: a platform one (seeded from indicators.csv, edited or not)
   * is shared by every organisation's senders and mappings → 409 `INDICATOR_PLATFORM_OWNED`.
   */
  private async save(
    actor: Actor,
    definition: IndicatorDefinition,
    status: IndicatorStatus,
    expectedVersion: number | undefined,
    kind: 'create' | 'update',
  ): Promise<IndicatorDto> {
    const orgId = orgIdOf(actor);
    const problems = problemsOf(definition);
    if (problems.length > 0) throw invalid(problems);

    await this.dataSource.transaction(async (manager) => {
      await this.indicators.lockOwn(manager, orgId, definition.code);
      const current = await this.indicators.findEffective(orgId, definition.code, manager);
      if (kind === 'create' && current !== null) {
        throw DomainError.conflict('INDICATOR_CODE_TAKEN', `An indicator ${definition.code} already exists`);
      }
      if (kind === 'update') {
        if (current === null) throw indicatorNotFound();
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          throw DomainError.conflict('INDICATOR_VERSION_CONFLICT', 'The indicator was changed by someone else; reload it', [
            { field: 'expectedVersion', code: 'currentVersion', message: String(current.version) },
          ]);
        }
      }
      if (status === 'retired' && current !== null && current.status !== 'retired' && current.fromPlatform) {
        throw DomainError.conflict(
          'INDICATOR_PLATFORM_OWNED',
          `${definition.code} belongs to the platform dictionary and cannot be retired; only indicators the organisation added can`,
        );
      }
      const fields = changedFields(current?.definition, definition);
      if (current !== null && current.status !== status) fields.push('status');
      if (current !== null && fields.length === 0) return;

      // A retired indicator matches nothing, so its aliases neither conflict nor are conflicted with.
      const others = (await this.indicators.effective(orgId, manager))
        .filter((row) => row.code !== definition.code && row.status === 'active')
        .map((row) => row.definition);
      const conflicts =
        status === 'active' ? findAliasConflicts([...others, definition]).filter((c) => c.codes.includes(definition.code)) : [];
      if (conflicts.length > 0) {
        throw DomainError.conflict(
          'INDICATOR_ALIAS_CONFLICT',
          'An alias is already used by another indicator',
          conflicts.map((c) => ({ field: 'aliases', code: c.codes.join(','), message: c.alias })),
        );
      }
      const version = (current?.version ?? 0) + 1;
      await this.indicators.saveCurrent(manager, orgId, [{ code: definition.code, version, definition, status }]);
      await this.indicators.insertVersions(manager, [
        {
          orgId,
          code: definition.code,
          version,
          definition,
          status,
          changeKind: kind,
          changedFields: fields,
          actorType: actor.type,
          actorId: actor.id,
        },
      ]);
    });
    const saved = (await this.dictionary.snapshot(orgId)).byCode.get(definition.code);
    if (saved === undefined) throw indicatorNotFound();
    return toIndicatorDto(saved);
  }
}
