import { reactive, ref, shallowRef, watch, type UnwrapRef } from 'vue';
import { notifyError } from '@/utils/describe-error';

export interface Page<Row> {
  items: Row[];
  total: number;
  /** Set by lists that estimate large totals instead of counting them (clients, the audit log). */
  totalIsEstimate?: boolean;
}

type Compact<Query> = { [Key in keyof Query]?: Exclude<Query[Key], '' | null | undefined> };

/** Drops empty filters: the API rejects `?status=` rather than ignoring it. */
export function compactQuery<Query extends object>(query: Query): Compact<Query> {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([, value]) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0),
    ),
  ) as Compact<Query>;
}

/** A paginated, filterable list (the API's `?page=&pageSize=` → `{ items, total }`). */
export function usePagedList<Row, Filters extends object>(
  fetchPage: (query: { page: number; pageSize: number; filters: UnwrapRef<Filters> }) => Promise<Page<Row>>,
  initialFilters: () => Filters,
) {
  const rows = shallowRef<Row[]>([]);
  const total = ref(0);
  const totalIsEstimate = ref(false);
  const page = ref(1);
  const pageSize = ref(20);
  const loading = ref(false);
  const filters = reactive(initialFilters());
  let latest = 0;

  async function load(): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    try {
      const result = await fetchPage({ page: page.value, pageSize: pageSize.value, filters: filters as UnwrapRef<Filters> });
      if (ticket !== latest) return;
      rows.value = result.items;
      total.value = result.total;
      totalIsEstimate.value = result.totalIsEstimate ?? false;
    } catch (err) {
      if (ticket === latest) notifyError(err);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  function search(): Promise<void> {
    if (page.value !== 1) {
      page.value = 1;
      return Promise.resolve();
    }
    return load();
  }

  function reset(): Promise<void> {
    Object.assign(filters, initialFilters());
    return search();
  }

  watch([page, pageSize], () => void load());

  return { rows, total, totalIsEstimate, page, pageSize, loading, filters, load, search, reset };
}
