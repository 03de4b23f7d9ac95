import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Comparator, ValueType, Verdict } from '@health/clinical';

export interface DateRange {
  from?: string;
  to?: string;
}

/** One point of a numeric series: everything comes from `observation_client_code_date_idx` alone. */
export interface SeriesRow {
  code: string;
  date: string;
  value: number;
  comparator: Comparator | null;
  verdict: Verdict;
  reportId: string | null;
}

export interface LatestObservationRow {
  code: string;
  date: string;
  value: number | string;
  comparator: Comparator | null;
  verdict: Verdict;
  reportId: string | null;
}

export interface ObservationRow {
  id: string;
  code: string;
  date: string;
  valueType: ValueType;
  value: number | null;
  comparator: Comparator | null;
  text: string | null;
  unit: string;
  verdict: Verdict;
  referenceLow: number | null;
  referenceHigh: number | null;
  referenceText: string | null;
  source: string;
  reportId: string | null;
}

interface ObservationSqlRow {
  id: string;
  code: string;
  date: string;
  value_type: ValueType;
  value: number | null;
  comparator: Comparator | null;
  text: string | null;
  unit: string;
  verdict: Verdict;
  reference_low: number | null;
  reference_high: number | null;
  reference_text: string | null;
  source: string;
  report_id: string | null;
}

/** `measured_on` as text: the pg driver would turn a `date` into a local-midnight Date. */
const DATE_TEXT = `to_char(measured_on, 'YYYY-MM-DD')`;

/**
 * The only place that queries `observation`. Callers have checked that the client belongs to the
 * caller's organisation, so the client id alone selects the rows (and keeps them inside the index).
 */
@Injectable()
export class ObservationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Numeric points of the given indicators in code and date order. The select list and the
   * conditions use only columns of `observation_client_code_date_idx`, so this is an index-only
   * scan of a few leaf pages whatever the size of the table.
   */
  async numericSeries(clientId: string, codes: readonly string[], range: DateRange): Promise<SeriesRow[]> {
    const params: unknown[] = [clientId, codes];
    const rows: SeriesRow[] = await this.dataSource.query(
      `SELECT indicator_code AS code, ${DATE_TEXT} AS date, value_num AS value, comparator, verdict, report_id AS "reportId"
         FROM observation
        WHERE client_id = $1 AND indicator_code = ANY ($2::text[]) AND value_num IS NOT NULL${dateConditions(range, params)}
        ORDER BY indicator_code, measured_on`,
      params,
    );
    return rows;
  }

  /** A page of the client's observations, newest first (then by code). */
  async list(
    clientId: string,
    codes: readonly string[] | undefined,
    range: DateRange,
    offset: number,
    limit: number,
  ): Promise<[ObservationRow[], number]> {
    const params: unknown[] = [clientId];
    let where = 'client_id = $1';
    if (codes !== undefined) {
      params.push(codes);
      where += ` AND indicator_code = ANY ($${params.length}::text[])`;
    }
    where += dateConditions(range, params);
    const [rows, count]: [ObservationSqlRow[], { total: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT id, indicator_code AS code, ${DATE_TEXT} AS date, value_type, value_num AS value, comparator,
                value_text AS text, unit, verdict, reference_low, reference_high, reference_text, source, report_id
           FROM observation
          WHERE ${where}
          ORDER BY measured_on DESC, indicator_code, item_index, id
          OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
        [...params, offset, limit],
      ),
      this.dataSource.query(`SELECT count(*) AS total FROM observation WHERE ${where}`, params),
    ]);
    return [rows.map(toObservationRow), Number(count[0]?.total ?? 0)];
  }

  /**
   * The latest two observations of every indicator of the client, newest first within a code: what
   * client facts hold (latest value and the one before). Numeric values as numbers, others as text.
   */
  async latestTwoPerCode(clientId: string, manager?: EntityManager): Promise<LatestObservationRow[]> {
    const rows: {
      code: string;
      date: string;
      value_num: number | null;
      value_text: string | null;
      comparator: Comparator | null;
      verdict: Verdict;
      report_id: string | null;
    }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT code, date, value_num, value_text, comparator, verdict, report_id FROM (
           SELECT indicator_code AS code, ${DATE_TEXT} AS date, value_num, value_text, comparator, verdict, report_id,
                  row_number() OVER (PARTITION BY indicator_code ORDER BY measured_on DESC, created_at DESC, item_index DESC NULLS LAST) AS rank
             FROM observation WHERE client_id = $1) latest
          WHERE rank <= 2
          ORDER BY code, rank`,
      [clientId],
    );
    return rows.map((r) => ({
      code: r.code,
      date: r.date,
      value: r.value_num ?? r.value_text ?? '',
      comparator: r.comparator,
      verdict: r.verdict,
      reportId: r.report_id,
    }));
  }

  /** Every observation of the client (of the given indicators), any value type, oldest first. */
  async allOf(clientId: string, codes: readonly string[] | undefined): Promise<ObservationRow[]> {
    const params: unknown[] = [clientId];
    let where = 'client_id = $1';
    if (codes !== undefined) {
      params.push(codes);
      where += ' AND indicator_code = ANY ($2::text[])';
    }
    const rows: ObservationSqlRow[] = await this.dataSource.query(
      `SELECT id, indicator_code AS code, ${DATE_TEXT} AS date, value_type, value_num AS value, comparator,
              value_text AS text, unit, verdict, reference_low, reference_high, reference_text, source, report_id
         FROM observation
        WHERE ${where}
        ORDER BY measured_on, item_index, id`,
      params,
    );
    return rows.map(toObservationRow);
  }
}

/** Appends `measured_on` bounds for the given range to `params` and returns the SQL for them. */
function dateConditions(range: DateRange, params: unknown[]): string {
  let sql = '';
  if (range.from !== undefined) {
    params.push(range.from);
    sql += ` AND measured_on >= $${params.length}::date`;
  }
  if (range.to !== undefined) {
    params.push(range.to);
    sql += ` AND measured_on <= $${params.length}::date`;
  }
  return sql;
}

function toObservationRow(row: ObservationSqlRow): ObservationRow {
  return {
    id: row.id,
    code: row.code,
    date: row.date,
    valueType: row.value_type,
    value: row.value,
    comparator: row.comparator,
    text: row.text,
    unit: row.unit,
    verdict: row.verdict,
    referenceLow: row.reference_low,
    referenceHigh: row.reference_high,
    referenceText: row.reference_text,
    source: row.source,
    reportId: row.report_id,
  };
}
