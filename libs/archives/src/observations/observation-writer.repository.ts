import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Comparator, ValueType, Verdict } from '@health/clinical';

export interface NewObservation {
  orgId: string;
  clientId: string;
  code: string;
  measuredOn: string;
  valueType: ValueType;
  valueNum: number | null;
  comparator: Comparator | null;
  valueText: string | null;
  unit: string;
  verdict: Verdict;
  referenceLow: number | null;
  referenceHigh: number | null;
  referenceText: string | null;
  source: 'exam-report' | 'follow-up';
  /** The exam report and item the value came from; null for values entered elsewhere (a follow-up call). */
  reportId: string | null;
  itemIndex: number | null;
}

/** Writes `observation` rows: one statement per batch (unnest of column arrays), never row by row. */
@Injectable()
export class ObservationWriterRepository {
  /** Removes the observations of these items of one report (a mapping that made them was changed or deleted). */
  async deleteForItems(manager: EntityManager, reportId: string, itemIndexes: readonly number[]): Promise<void> {
    if (itemIndexes.length === 0) return;
    await manager.query(`DELETE FROM observation WHERE report_id = $1 AND item_index = ANY($2::int[])`, [reportId, itemIndexes]);
  }

  async insertMany(manager: EntityManager, rows: readonly NewObservation[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof NewObservation>(key: K) => rows.map((row) => row[key]);
    await manager.query(
      `INSERT INTO observation (org_id, client_id, indicator_code, measured_on, value_type, value_num, comparator,
                                value_text, unit, verdict, reference_low, reference_high, reference_text, source,
                                report_id, item_index)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::float8[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::float8[], $12::float8[], $13::text[], $14::text[],
                            $15::uuid[], $16::int[])`,
      [
        column('orgId'),
        column('clientId'),
        column('code'),
        column('measuredOn'),
        column('valueType'),
        column('valueNum'),
        column('comparator'),
        column('valueText'),
        column('unit'),
        column('verdict'),
        column('referenceLow'),
        column('referenceHigh'),
        column('referenceText'),
        column('source'),
        column('reportId'),
        column('itemIndex'),
      ],
    );
  }
}
