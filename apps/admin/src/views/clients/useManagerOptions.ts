import { computed, shallowRef } from 'vue';
import { api } from '@/api/client';
import type { User } from '@/api/types';
import { useSessionStore } from '@/stores/session';

/**
 * Staff a client can be assigned to, for the manager filter and field. Needs `users:read`; without
 * it the lists stay empty and the API still accepts the client without a manager.
 */
export function useManagerOptions() {
  const session = useSessionStore();
  const users = shallowRef<User[]>([]);
  const options = computed(() =>
    users.value.filter((user) => user.status === 'active').map((user) => ({ value: user.id, label: user.displayName })),
  );

  async function load(): Promise<void> {
    if (!session.can('users:read')) return;
    const { data } = await api.GET('/api/v1/users', { params: { query: { pageSize: 100, status: 'active' } } });
    users.value = data?.items ?? [];
  }

  return { options, load };
}
