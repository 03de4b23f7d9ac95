import type { AdviceCategory, AdviceItem, ClientAdvice, ClientAdviceReplace } from '@/api/types';

/** The API's category order: how the chips and the add form list them. */
export const ADVICE_CATEGORIES: readonly AdviceCategory[] = ['diet', 'exercise', 'mental', 'tcm', 'medical'];

/** Chip colours per category (就医建议 stands out). */
export const categoryTagType: Record<AdviceCategory, 'success' | 'primary' | 'warning' | 'info' | 'danger'> = {
  diet: 'success',
  exercise: 'primary',
  mental: 'warning',
  tcm: 'info',
  medical: 'danger',
};

/** An item as staff are editing it; `key` is stable for v-for, `id` absent for an item added here. */
export interface DraftItem {
  key: string;
  id?: string;
  category: AdviceCategory;
  textZh: string;
  textEn: string;
  origin: AdviceItem['origin'];
  edited: boolean;
}

export function draftItem(item: AdviceItem): DraftItem {
  return {
    key: item.id,
    id: item.id,
    category: item.category,
    textZh: item.textZh,
    textEn: item.textEn ?? '',
    origin: item.origin,
    edited: item.edited,
  };
}

export function draftOf(advice: ClientAdvice): DraftItem[] {
  return advice.items.map(draftItem);
}

/** The list with the item at `index` moved one place up (-1) or down (1); unchanged at the ends. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  const next = [...list];
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return next;
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** Whether the draft differs from the saved set: order, texts, categories, added or hidden items. */
export function isDirty(advice: ClientAdvice, draft: readonly DraftItem[]): boolean {
  if (draft.length !== advice.items.length) return true;
  return draft.some((d, i) => {
    const saved = advice.items[i]!;
    return (
      d.id !== saved.id ||
      d.category !== saved.category ||
      d.textZh.trim() !== saved.textZh ||
      d.textEn.trim() !== (saved.textEn ?? '')
    );
  });
}

/** The PUT body: the full ordered list, based on the revision that was loaded. */
export function replaceBody(advice: ClientAdvice, draft: readonly DraftItem[]): ClientAdviceReplace {
  return {
    revision: advice.revision,
    items: draft.map((d) => ({
      ...(d.id ? { id: d.id } : {}),
      category: d.category,
      textZh: d.textZh.trim(),
      textEn: d.textEn.trim() || null,
    })),
  };
}

/** Items with an empty Chinese text: the save button stays off while there are any. */
export function hasEmptyText(draft: readonly DraftItem[]): boolean {
  return draft.some((d) => d.textZh.trim() === '');
}
