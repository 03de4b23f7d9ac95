import { onBeforeUnmount, watch, type Ref } from 'vue';

/**
 * Calls `refresh` again after `intervalMs` whenever `rows` holds something still pending, and
 * stops once nothing is pending or the component goes away.
 */
export function usePolling<Row>(
  rows: Ref<Row[]>,
  pending: (row: Row) => boolean,
  refresh: () => unknown,
  intervalMs = 2000,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(rows, (items) => {
    clearTimeout(timer);
    if (items.some(pending)) timer = setTimeout(() => void refresh(), intervalMs);
  });
  onBeforeUnmount(() => clearTimeout(timer));
}
