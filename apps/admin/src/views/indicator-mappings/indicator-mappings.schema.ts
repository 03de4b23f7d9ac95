import type { FormItemRule } from 'element-plus';
import type {
  ChangedIndicatorMapping,
  CreatedIndicatorMapping,
  Indicator,
  IndicatorMapping,
  IndicatorMappingCreate,
  IndicatorMappingUpdate,
  UnmappedItemName,
} from '@/api/types';
import type { TableColumn } from '@/components/schema';
import { currentLocale, t } from '@/i18n';
import { formatDateTime } from '@/utils/format';
import { categoryLabel } from '@/utils/indicator-display';

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
  { key: 'resolvedItems', labelKey: 'mappings.resolvedItems', width: 110, align: 'right' },
  { key: 'reprocessing', labelKey: 'mappings.reprocessing', width: 110, slot: true },
  { key: 'createdBy', labelKey: 'mappings.createdBy', width: 100, text: (row) => row.createdBy.displayName ?? '—' },
  { key: 'createdAt', labelKey: 'common.createdAt', width: 150, text: (row) => formatDateTime(row.createdAt) },
  { key: 'actions', labelKey: 'common.actions', width: 160, fixed: 'right', slot: true },
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
/** The form rule of a mapping's target: an indicator must be picked unless it is text-only. */
export function mappingTargetRules(model: Pick<MappingFormModel, 'mode'>): Record<string, FormItemRule[]> {
  return {
    code: model.mode === 'indicator' ? [{ required: true, message: t('mappings.pickIndicator'), trigger: 'change' }] : [],
  };
}

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

/** The edit form of an existing mapping: its current target (the category context cannot change). */
export function mappingEditModel(mapping: Pick<IndicatorMapping, 'code' | 'textOnly' | 'categoryContext'>): MappingFormModel {
  return {
    mode: mapping.textOnly ? 'textOnly' : 'indicator',
    code: mapping.code ?? '',
    categoryContext: mapping.categoryContext,
  };
}

/** The new target, based on the version the user saw (a change by someone else meanwhile → 409). */
export function mappingUpdateBody(mapping: Pick<IndicatorMapping, 'version'>, model: MappingFormModel): IndicatorMappingUpdate {
  return { expectedVersion: mapping.version, ...(model.mode === 'textOnly' ? { textOnly: true } : { code: model.code }) };
}

/**
 * What a change or deletion did. `before` is the mapping as listed: when a worker job re-processes,
 * its `resolvedItems` is how many stored items are being gone through.
 */
export function mappingChangeMessage(
  kind: 'update' | 'delete',
  before: Pick<IndicatorMapping, 'name' | 'version' | 'resolvedItems'>,
  result: Pick<ChangedIndicatorMapping, 'version' | 'reprocessing' | 'reprocessedItems'>,
): string {
  const name = before.name;
  if (result.reprocessing === 'queued') return t('mappings.changeQueued', { name, count: before.resolvedItems });
  if (kind === 'update' && result.version === before.version) return t('mappings.unchanged', { name });
  return t(kind === 'update' ? 'mappings.updated' : 'mappings.deleted', { name, count: result.reprocessedItems });
}

export type IndicatorOrigin = 'platform' | 'platformEdited' | 'own';

/** Where an indicator comes from: the platform dictionary as is, edited here, or added here. */
export function indicatorOrigin(indicator: Pick<Indicator, 'scope' | 'fromPlatform'>): IndicatorOrigin {
  if (!indicator.fromPlatform) return 'own';
  return indicator.scope === 'platform' ? 'platform' : 'platformEdited';
}

/** Only indicators the organisation added can be retired (and brought back). */
export function canRetire(indicator: Pick<Indicator, 'fromPlatform'>): boolean {
  return !indicator.fromPlatform;
}

export function indicatorName(indicator: Pick<Indicator, 'nameZh' | 'nameEn'>): string {
  return currentLocale() === 'en' ? indicator.nameEn : indicator.nameZh;
}

export const indicatorColumns: TableColumn<Indicator>[] = [
  { key: 'code', labelKey: 'indicators.code', width: 140, slot: true },
  { key: 'name', labelKey: 'indicators.name', minWidth: 180, text: indicatorName },
  { key: 'category', labelKey: 'indicators.category', minWidth: 130, text: (row) => categoryLabel(row.category) },
  { key: 'unit', labelKey: 'indicators.unit', width: 130, text: (row) => row.unit || '—' },
  { key: 'valueType', labelKey: 'indicators.valueType', width: 90, text: (row) => t(`indicators.valueTypes.${row.valueType}`) },
  { key: 'decimals', labelKey: 'indicators.decimals', width: 110, align: 'right', text: (row) => String(row.decimals ?? '—') },
  { key: 'origin', labelKey: 'indicators.origin', width: 160, text: (row) => t(`indicators.origins.${indicatorOrigin(row)}`) },
  { key: 'status', labelKey: 'common.status', width: 90, slot: true },
  { key: 'actions', labelKey: 'common.actions', width: 90, fixed: 'right', slot: true },
];

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
