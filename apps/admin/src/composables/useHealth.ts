import { onBeforeUnmount, onMounted, ref } from 'vue';
import { publicApi } from '@/api/client';
import type { Health } from '@/api/types';

const POLL_MS = 60_000;

/** `GET /api/health`, polled while the component lives. */
export function useHealth() {
  const health = ref<Health | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;

  async function check(): Promise<void> {
    try {
      const { data } = await publicApi.GET('/api/health');
      health.value = data ?? null;
    } catch {
      // An unreachable API shows up as failed requests on the page itself.
    }
  }

  onMounted(() => {
    void check();
    timer = setInterval(() => void check(), POLL_MS);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return health;
}
