import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The number of rows `query` matches, exact up to `exactUpTo`; beyond that, the planner's estimate
 * (never below `exactUpTo + 1`). An exact count reads every match, on every page of a list: a
 * million rows for an unfiltered client list, millions of audit rows after a few years.
 */
export async function countUpTo<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, exactUpTo: number): Promise<number> {
  const [matching, parameters] = query.clone().select('1').orderBy().skip(undefined).take(undefined).getQueryAndParameters();
  const [counted] = await query.connection.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (${matching} LIMIT ${exactUpTo + 1}) capped`,
    parameters,
  );
  if (counted.n <= exactUpTo) return counted.n;
  const [plan] = await query.connection.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `EXPLAIN (FORMAT JSON) ${matching}`,
    parameters,
  );
  return Math.max(exactUpTo + 1, Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']));
}

/**
 * The total a page already tells: a page shorter than its limit is the last one, so the total is
 * the rows before it plus its own (an empty page past the end tells nothing). Saves the count,
 * a second scan, for the common narrow search that fits on its first page.
 */
export function totalFromLastPage(found: number, offset: number, limit: number): number | undefined {
  if (found >= limit || (found === 0 && offset > 0)) return undefined;
  return offset + found;
}
