import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AppConfig, AuditService, calendarDateIn, DomainError, Page, pageOf, pageOffset } from '@health/core';
import { ClientsService, type ClientFacts } from '@health/cards';
import { orgIdOf } from '@health/iam';
import {
  ageAtExam,
  buildYearTable,
  numericVerdict,
  referenceIntervalFor,
  trendStats,
  type IndicatorDefinition,
  type ReferenceInterval,
  type Subject,
  type TrendStats,
  type Verdict,
} from '@health/clinical';
import { displayDecimals } from '../indicators/display-precision';
import { activeDefinition, IndicatorDictionaryService } from '../indicators/indicator-dictionary.service';
import {
  ListObservationsQueryDto,
  ObservationDto,
  ReferenceDto,
  TrendSeriesDto,
  TrendStatsDto,
  TrendTableDto,
  TrendTableQueryDto,
  TrendsDto,
  TrendsQueryDto,
} from './dto/observation.dto';
import { DateRange, ObservationRepository, ObservationRow, SeriesRow } from './observation.repository';
import { ObservationWriterRepository } from './observation-writer.repository';

/** A value measured during a follow-up (home blood pressure), in the indicator's dictionary unit. */
export interface FollowUpMeasurement {
  code: string;
  value: number;
}

/** What was stored for one measurement: the unit it is in and the verdict for the client. */
export interface StoredFollowUpMeasurement extends FollowUpMeasurement {
  unit: string;
  abnormal: Verdict;
}

/** Stats are rounded to this many decimals: enough for every unit of the dictionary, and free of float noise (0.6200000000000001). */
const STATS_DECIMALS = 4;

function round(value: number): number {
  const scale = 10 ** STATS_DECIMALS;
  return Math.round(value * scale) / scale;
}

function toStatsDto(stats: TrendStats): TrendStatsDto {
  return {
    first: stats.first,
    last: stats.last,
    min: stats.min,
    max: stats.max,
    change: round(stats.change),
    slopePerYear: stats.slopePerYear === null ? null : round(stats.slopePerYear),
    direction: stats.direction,
    abnormalStreak: stats.abnormalStreak,
  };
}

function toReferenceDto({ low, high }: ReferenceInterval): ReferenceDto {
  return { low: low ?? null, high: high ?? null };
}

function toObservationDto(row: ObservationRow, definition: IndicatorDefinition | undefined): ObservationDto {
  return {
    id: row.id,
    code: row.code,
    name: definition?.nameZh ?? row.code,
    date: row.date,
    valueType: row.valueType,
    value: row.value,
    comparator: row.comparator,
    text: row.text,
    unit: row.unit,
    decimals: definition === undefined ? null : displayDecimals(definition),
    abnormal: row.verdict,
    reference: { low: row.referenceLow, high: row.referenceHigh, text: row.referenceText },
    source: row.source,
    reportId: row.reportId,
  };
}

/**
 * Runs independent reads side by side (one round trip of latency instead of three) and then throws
 * the first failure in argument order, so that errors do not depend on timing: the client check's
 * 404 comes before an unknown code's 400. Nothing is returned before every check has passed.
 */
async function allInOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function checkRange(range: DateRange): void {
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) {
    throw DomainError.badRequest('VALIDATION_FAILED', 'Request validation failed', [
      { field: 'from', code: 'afterTo', message: `from (${range.from}) is after to (${range.to})` },
    ]);
  }
}

/**
 * A client's observations, the trend of each indicator (历年指标趋势) and the year-over-year table
 * (历年对比). Values come from the stored observations; names, units and the reference interval
 * shown with a series come from the organisation's current dictionary, for the client's sex.
 */
@Injectable()
export class ObservationsService {
  constructor(
    private readonly observations: ObservationRepository,
    private readonly writer: ObservationWriterRepository,
    private readonly dictionary: IndicatorDictionaryService,
    private readonly clients: ClientsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async list(actor: Actor, clientId: string, query: ListObservationsQueryDto): Promise<Page<ObservationDto>> {
    const range = { from: query.from, to: query.to };
    checkRange(range);
    const [, definitions, [rows, total]] = await allInOrder<[void, Map<string, IndicatorDefinition>, [ObservationRow[], number]]>(
      [
        this.clients.assertClientExists(clientId),
        this.definitionsOf(actor, query.codes),
        this.observations.list(clientId, query.codes, range, pageOffset(query), query.pageSize),
      ],
    );
    await this.audit.record({ action: 'observations.read', targetType: 'client', targetId: clientId });
    return pageOf(
      rows.map((row) => toObservationDto(row, definitions.get(row.code))),
      total,
      query,
    );
  }

  async trends(actor: Actor, clientId: string, query: TrendsQueryDto): Promise<TrendsDto> {
    const range = { from: query.from, to: query.to };
    checkRange(range);
    const [client, definitions, rows] = await allInOrder<[ClientFacts, Map<string, IndicatorDefinition>, SeriesRow[]]>([
      this.clients.factsOf(clientId),
      this.definitionsOf(actor, query.codes),
      this.observations.numericSeries(clientId, query.codes, range),
    ]);
    const notNumeric = query.codes.filter((code) => definitions.get(code)?.valueType !== 'numeric');
    if (notNumeric.length > 0) {
      throw DomainError.badRequest(
        'INDICATOR_NOT_NUMERIC',
        `Only numeric indicators have a trend chart: ${notNumeric.join(', ')}`,
        notNumeric.map((code) => ({ field: 'codes', code: 'notNumeric', message: code })),
      );
    }
    await this.audit.record({ action: 'observations.trends_read', targetType: 'client', targetId: clientId });

    const byCode = new Map<string, SeriesRow[]>();
    for (const row of rows) {
      const series = byCode.get(row.code);
      if (series) series.push(row);
      else byCode.set(row.code, [row]);
    }
    return {
      series: query.codes.map((code): TrendSeriesDto => {
        const definition = definitions.get(code) as IndicatorDefinition;
        const reference = referenceIntervalFor(definition, this.subjectToday(client));
        const points = byCode.get(code) ?? [];
        const stats = trendStats(
          points.map((point) => ({ date: point.date, value: point.value, verdict: point.verdict })),
          reference,
        );
        return {
          code,
          name: definition.nameZh,
          nameEn: definition.nameEn,
          unit: definition.unit,
          decimals: displayDecimals(definition),
          reference: toReferenceDto(reference),
          points: points.map((point) => ({
            date: point.date,
            value: point.value,
            comparator: point.comparator,
            abnormal: point.verdict,
            reportId: point.reportId,
          })),
          stats: stats === undefined ? null : toStatsDto(stats),
        };
      }),
    };
  }

  async table(actor: Actor, clientId: string, query: TrendTableQueryDto): Promise<TrendTableDto> {
    const [client, definitions, rows] = await allInOrder<[ClientFacts, Map<string, IndicatorDefinition>, ObservationRow[]]>([
      this.clients.factsOf(clientId),
      this.definitionsOf(actor, query.codes),
      this.observations.allOf(clientId, query.codes),
    ]);
    await this.audit.record({ action: 'observations.table_read', targetType: 'client', targetId: clientId });

    // Without codes: every indicator of the dictionary (those never measured get no row), by code.
    const codes = query.codes ?? [...definitions.keys()].sort();
    const table = buildYearTable(
      rows.map((row) => ({
        code: row.code,
        date: row.date,
        valueType: row.valueType,
        value: row.value,
        comparator: row.comparator,
        text: row.text,
        verdict: row.verdict,
      })),
      codes,
      query.years,
    );
    return {
      years: [...table.years],
      rows: table.rows.map((row) => {
        const definition = definitions.get(row.code) as IndicatorDefinition;
        return {
          code: row.code,
          name: definition.nameZh,
          nameEn: definition.nameEn,
          unit: definition.unit,
          decimals: displayDecimals(definition),
          valueType: definition.valueType,
          category: definition.category,
          reference: toReferenceDto(referenceIntervalFor(definition, this.subjectToday(client))),
          cells: row.cells.map((cell) => (cell === null ? null : { ...cell })),
        };
      }),
    };
  }

  /**
   * Stores values a client reported during a follow-up as observations with source `follow-up`,
   * judged like report values (the dictionary's reference interval for the client's sex and age on
   * that date), in the caller's transaction. Numbers are taken in the dictionary's unit. An unknown
   * or non-numeric code → 400 naming `measuredValues[i].code`; a deleted client → 404.
   */
  async recordFromFollowUp(
    manager: EntityManager,
    orgId: string,
    clientId: string,
    measuredOn: string,
    values: readonly FollowUpMeasurement[],
  ): Promise<StoredFollowUpMeasurement[]> {
    if (values.length === 0) return [];
    const client = await this.clients.factsInOrg(orgId, clientId, manager);
    if (!client) throw DomainError.notFound('CLIENT_NOT_FOUND', 'Client not found');
    const snapshot = await this.dictionary.snapshot(orgId, manager);
    // A retired indicator keeps what was stored under it but takes nothing new.
    const problems = values.flatMap((v, index) =>
      activeDefinition(snapshot, v.code)?.valueType === 'numeric'
        ? []
        : [
            {
              field: `measuredValues[${index}].code`,
              index,
              code: 'unknownIndicator',
              message: `${v.code} is not an active numeric indicator`,
            },
          ],
    );
    if (problems.length > 0) throw DomainError.badRequest('UNKNOWN_INDICATOR', 'Unknown or non-numeric indicator code', problems);
    const subject: Subject = { sex: client.gender, age: ageAtExam(client.birthDate, measuredOn) };
    const stored = values.map((v) => {
      const definition = snapshot.byCode.get(v.code)!.definition;
      const reference = referenceIntervalFor(definition, subject);
      return { ...v, unit: definition.unit, abnormal: numericVerdict({ value: v.value }, reference), reference };
    });
    await this.writer.insertMany(
      manager,
      stored.map((v) => ({
        orgId,
        clientId,
        code: v.code,
        measuredOn,
        valueType: 'numeric',
        valueNum: v.value,
        comparator: null,
        valueText: null,
        unit: v.unit,
        verdict: v.abnormal,
        referenceLow: v.reference.low ?? null,
        referenceHigh: v.reference.high ?? null,
        referenceText: null,
        source: 'follow-up',
        reportId: null,
        itemIndex: null,
      })),
    );
    return stored.map(({ code, value, unit, abnormal }) => ({ code, value, unit, abnormal }));
  }

  /** The client as the dictionary's intervals see them today: sex, and age for the older age bands. */
  private subjectToday(client: ClientFacts): Subject {
    return { sex: client.gender, age: ageAtExam(client.birthDate, calendarDateIn(this.config.tzDefault)) };
  }

  /**
   * The current definitions of the given codes (all when none are given), keyed by code in
   * dictionary order; a code the organisation's dictionary does not know → 400 naming it.
   */
  private async definitionsOf(actor: Actor, codes: readonly string[] | undefined): Promise<Map<string, IndicatorDefinition>> {
    const definitions = await this.dictionary.current(orgIdOf(actor), codes);
    const byCode = new Map(definitions.map((definition) => [definition.code, definition]));
    const unknown = (codes ?? []).filter((code) => !byCode.has(code));
    if (unknown.length > 0) {
      throw DomainError.badRequest(
        'UNKNOWN_INDICATOR',
        `Unknown indicator code: ${unknown.join(', ')}`,
        unknown.map((code) => ({ field: 'codes', code: 'unknownIndicator', message: code })),
      );
    }
    return byCode;
  }
}
