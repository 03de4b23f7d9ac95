import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api } from '@/api/client';
import { call } from '@/api/errors';
import type { InboxItem } from '@/api/types';

/** How many of the newest notifications the header bell lists. */
export const BELL_LIST_SIZE = 8;

/**
 * The signed-in user's inbox as the header bell sees it: the unread count and the newest items.
 * The 消息中心 page marks items read through here too, so the badge follows at once.
 */
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);
  const latest = shallowRef<InboxItem[]>([]);

  async function refresh(): Promise<void> {
    const page = await call(api.GET('/api/v1/inbox', { params: { query: { page: 1, pageSize: BELL_LIST_SIZE } } }));
    unread.value = page.unread;
    latest.value = page.items;
  }

  /** Marks one item read; nothing is sent for an item already read. */
  async function markRead(item: InboxItem): Promise<void> {
    if (item.readAt) return;
    await call(api.POST('/api/v1/inbox/{id}/read', { params: { path: { id: item.id } } }));
    const readAt = new Date().toISOString();
    latest.value = latest.value.map((entry) => (entry.id === item.id ? { ...entry, readAt } : entry));
    unread.value = Math.max(0, unread.value - 1);
  }

  async function markAllRead(): Promise<number> {
    const { updated } = await call(api.POST('/api/v1/inbox/read-all'));
    const readAt = new Date().toISOString();
    latest.value = latest.value.map((entry) => (entry.readAt ? entry : { ...entry, readAt }));
    unread.value = 0;
    return updated;
  }

  return { unread, latest, refresh, markRead, markAllRead };
});
