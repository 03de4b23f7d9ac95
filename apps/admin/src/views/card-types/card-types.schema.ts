import type { CardType } from '@/api/types';
import type { FieldOption, TableColumn } from '@/components/schema';
import { currentLocale, t } from '@/i18n';
import { formatDateTime } from '@/utils/format';

export type CardTypeStatus = CardType['status'];

/** Same bounds as the API's DTO; the API decides, these only save a round trip. */
export const MAX_VALIDITY_MONTHS = 120;
export const MAX_SERVICES = 50;
export const SERVICE_CODE_PATTERN = /^[a-z][a-z0-9_-]{0,49}$/;

/** Cents as yuan with two decimals, e.g. `¥1,280.00`. */
export function formatPrice(priceCents: number | null | undefined): string {
  if (priceCents === null || priceCents === undefined) return '—';
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: 'CNY' }).format(priceCents / 100);
}

export const cardTypeStatusOptions = (): FieldOption[] => [
  { value: 'active', label: t('status.active') },
  { value: 'inactive', label: t('cardTypes.inactive') },
];

export const cardTypeColumns: TableColumn<CardType>[] = [
  { key: 'name', labelKey: 'cardTypes.name', minWidth: 140 },
  {
    key: 'validityMonths',
    labelKey: 'cardTypes.validityMonths',
    width: 110,
    text: (row) => t('cardTypes.validityValue', { months: row.validityMonths }),
  },
  { key: 'priceCents', labelKey: 'cardTypes.price', width: 120, align: 'right', text: (row) => formatPrice(row.priceCents) },
  { key: 'services', labelKey: 'cardTypes.services', minWidth: 260, slot: true },
  { key: 'status', labelKey: 'common.status', width: 90, slot: true },
  { key: 'updatedAt', labelKey: 'cardTypes.updatedAt', width: 150, text: (row) => formatDateTime(row.updatedAt) },
  { key: 'actions', labelKey: 'common.actions', width: 90, fixed: 'right', slot: true },
];

export interface ServiceRow {
  code: string;
  name: string;
  quantity: number;
}

export interface CardTypeFormModel {
  name: string;
  description: string;
  validityMonths: number;
  /** Yuan as typed; sent as cents. */
  price: number | undefined;
  services: ServiceRow[];
  status: CardTypeStatus;
}

export function cardTypeFormModel(type?: CardType | null): CardTypeFormModel {
  return {
    name: type?.name ?? '',
    description: type?.description ?? '',
    validityMonths: type?.validityMonths ?? 12,
    price: type?.priceCents === undefined || type?.priceCents === null ? undefined : type.priceCents / 100,
    services: type?.services.map((service) => ({ ...service })) ?? [{ code: '', name: '', quantity: 1 }],
    status: type?.status ?? 'active',
  };
}

/** Problems of the service table the form cannot show per cell: i18n keys, empty when fine. */
export function serviceProblems(services: ServiceRow[]): string[] {
  if (services.length === 0) return ['cardTypes.servicesRequired'];
  const problems = new Set<string>();
  const codes = new Set<string>();
  for (const service of services) {
    if (!SERVICE_CODE_PATTERN.test(service.code)) problems.add('cardTypes.serviceCodeInvalid');
    else if (codes.has(service.code)) problems.add('cardTypes.serviceCodeDuplicate');
    codes.add(service.code);
    if (!service.name.trim()) problems.add('cardTypes.serviceNameRequired');
    if (!Number.isInteger(service.quantity) || service.quantity < 1) problems.add('cardTypes.serviceQuantityInvalid');
  }
  return [...problems];
}

/** Yuan to whole cents without floating-point drift (12.3 → 1230). */
export function toCents(yuan: number | undefined): number | undefined {
  return yuan === undefined || yuan === null ? undefined : Math.round(yuan * 100);
}
