import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import { json, stubApi } from '@/test/fixtures';
import HealthBadge from './HealthBadge.vue';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

async function mountWith(health: { status: string; database: string; queue: string }) {
  stubApi({ 'GET /api/health': () => json(health) });
  const wrapper = mount(HealthBadge, { global: { plugins: [i18n] } });
  await flushPromises();
  return wrapper;
}

describe('HealthBadge', () => {
  it('shows nothing while everything is up', async () => {
    const wrapper = await mountWith({ status: 'ok', database: 'up', queue: 'up' });
    expect(wrapper.text()).toBe('');
  });

  it('warns when the queue is down', async () => {
    const wrapper = await mountWith({ status: 'degraded', database: 'up', queue: 'down' });
    expect(wrapper.get('[data-testid="health-queue-down"]').text()).toContain('队列服务不可用');
  });
});
