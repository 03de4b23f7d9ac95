import { computed, shallowRef } from 'vue';
import { api } from '@/api/client';
import { call } from '@/api/errors';
import { useSessionStore } from '@/stores/session';
import { notifyError } from '@/utils/describe-error';
import { EMPTY_CATALOGUES, triggerNames, type TriggerCatalogues } from './trigger-catalogues';

const CARD_TYPES_PAGE = 100;

/**
 * Tags, card types and risk models for the template editor and the version history. Each list
 * needs its own read permission; a list the user may not read stays empty (`readable` says which),
 * and the editor then takes ids as typed.
 */
export function useTriggerCatalogues() {
  const session = useSessionStore();
  const catalogues = shallowRef<TriggerCatalogues>(EMPTY_CATALOGUES);
  const readable = computed(() => ({
    tags: session.can('clients:read'),
    cardTypes: session.can('cards:read'),
    riskModels: session.can('risk:read'),
  }));
  const names = computed(() => triggerNames(catalogues.value));

  async function load(): Promise<void> {
    const can = readable.value;
    try {
      const [tags, cardTypes, riskModels] = await Promise.all([
        can.tags ? call(api.GET('/api/v1/tags')) : [],
        can.cardTypes
          ? call(api.GET('/api/v1/card-types', { params: { query: { pageSize: CARD_TYPES_PAGE } } })).then((page) => page.items)
          : [],
        can.riskModels ? call(api.GET('/api/v1/risk-models')) : [],
      ]);
      catalogues.value = { tags, cardTypes, riskModels };
    } catch (err) {
      notifyError(err);
    }
  }

  return { catalogues, readable, names, load };
}
