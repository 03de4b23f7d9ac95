import { currentLocale } from '@/i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withSeconds}`;
  let existing = formatters.get(key);
  if (!existing) {
    existing = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: withSeconds ? '2-digit' : undefined,
      hour12: false,
    });
    formatters.set(key, existing);
  }
  return existing;
}

/** An instant in the browser's time zone, e.g. `2025/06/18 14:03`; `—` when absent. */
export function formatDateTime(value: string | null | undefined, options: { seconds?: boolean } = {}): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter(currentLocale(), options.seconds ?? false).format(date);
}
