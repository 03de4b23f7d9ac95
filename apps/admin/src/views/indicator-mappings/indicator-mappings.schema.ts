import type { CreatedIndicatorMapping, Indicator, IndicatorMapping, IndicatorMappingCreate, UnmappedItemName } from '@/api/types';
import type { TableColumn } from '@/components/schema';
import { currentLocale, t } from '@/i18n';
import { formatDateTime } from '@/utils/format';

export const unmappedColumns: TableColumn<UnmappedItemName>[] = [
  { key: 'name', labelKey: 'mappings.itemName', minWidth: 160, slot: true },
  { key: 'source', labelKey: 'examReports.source', minWidth: 130, ellipsis: true },
  { key: 'count', labelKey: 'mappings.count', width: 90, align: 'right' },
  { key: 'reports', labelKey: 'mappings.reports', width: 90, align: 'right' },
  { key: 'examples', labelKey: 'mappings.examples', minWidth: 180, slot: true },
  {
    key: 'categories',
    labelKey: 'mappings.categories',
    minWidth: 120,
    text: (row) => row.categories.join(t('common.listSeparator')) || '—',
  },
  { key: 'lastSeen', labelKey: 'mappings.lastSeen', width: 150, text: (row) => formatDateTime(row.lastSeen) },
  { key: 'actions', labelKey: 'common.actions', width: 90, fixed: 'right', slot: true },
];

export const mappingColumns: TableColumn<IndicatorMapping>[] = [
  { key: 'name', labelKey: 'mappings.itemName', minWidth: 160 },
  { key: 'source', labelKey: 'examReports.source', minWidth: 130, ellipsis: true },
  { key: 'categoryContext', labelKey: 'mappings.categoryContext', width: 110, text: (row) => row.categoryContext || '—' },
  { key: 'code', labelKey: 'mappings.target', minWidth: 140, slot: true },
  { key: 'reprocessing', labelKey: 'mappings.reprocessing', width: 110, slot: true },
  { key: 'createdBy', labelKey: 'mappings.createdBy', width: 120, text: (row) => row.createdBy.displayName ?? '—' },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 150, text: (row) => formatDateTime(row.createdAt) },
];

export type MappingMode = 'indicator' | 'textOnly';

export interface MappingFormModel {
  mode: MappingMode;
  code: string;
  categoryContext: string;
}

/**
 * Bare urinalysis names (葡萄糖, 蛋白质) mean urine indicators only under a urine section: a name
 * seen only under such sections is mapped for that context, as the dictionary's `尿:` aliases are.
 */
export function suggestedContext(item: Pick<UnmappedItemName, 'categories'>): string {
  return item.categories.length > 0 && item.categories.every((category) => category.includes('尿')) ? '尿' : '';
}

export function mappingFormModel(item: Pick<UnmappedItemName, 'categories'>): MappingFormModel {
  return { mode: 'indicator', code: '', categoryContext: suggestedContext(item) };
}

export function mappingBody(item: Pick<UnmappedItemName, 'source' | 'name'>, model: MappingFormModel): IndicatorMappingCreate {
  const context = model.categoryContext.trim();
  return {
    source: item.source,
    name: item.name,
    ...(context ? { categoryContext: context } : {}),
    ...(model.mode === 'textOnly' ? { textOnly: true } : { code: model.code }),
  };
}

/** `空腹血糖 FPG · mmol/L`: how an indicator reads in the picker. */
export function indicatorLabel(indicator: Pick<Indicator, 'code' | 'nameZh' | 'nameEn' | 'unit'>): string {
  const name = currentLocale() === 'en' ? indicator.nameEn : indicator.nameZh;
  return `${name} ${indicator.code}${indicator.unit ? ` · ${indicator.unit}` : ''}`;
}

/**
 * What a new mapping did. A large backlog is re-processed by a worker job; then the count is the
 * number of stored items that were waiting (`waiting`), not the number done.
 */
export function mappingResultMessage(result: CreatedIndicatorMapping, waiting: number): string {
  if (result.reprocessing === 'queued') return t('mappings.resultQueued', { name: result.name, count: waiting });
  const key = result.textOnly ? 'mappings.resultTextOnly' : 'mappings.result';
  return t(key, { name: result.name, code: result.code ?? '', count: result.reprocessedItems });
}
