import { DomainError } from '@health/core';
import { ADVICE_CATEGORIES, type AdviceCategory } from './advice-category';

export type AdviceOrigin = 'template' | 'staff';

/** One item of a client's advice set as stored (hidden items included). */
export interface AdviceItem {
  id: string;
  origin: AdviceOrigin;
  templateId: string | null;
  templateVersion: number | null;
  category: AdviceCategory;
  textZh: string;
  textEn: string | null;
  /** Staff changed the text or category of a template item: regeneration never touches it again. */
  edited: boolean;
  /** Staff left it out of the set: it stays out, and its template never adds it again. */
  hidden: boolean;
  position: number;
}

/** An item as it should be after a change; `id` null is a new item. */
export type PlannedItem = Omit<AdviceItem, 'id'> & { id: string | null };

export interface AdvicePlan {
  items: PlannedItem[];
  /** Ids of stored items to delete. */
  removed: string[];
}

/** A template whose condition holds on the client's facts. */
export interface MatchingTemplate {
  id: string;
  version: number;
  category: AdviceCategory;
  textZh: string;
  textEn: string;
  priority: number;
}

/** What staff sent for one item: an id keeps the stored item, no id adds a staff item. */
export interface StaffItemInput {
  id?: string;
  category: AdviceCategory;
  textZh: string;
  textEn?: string | null;
}

const CATEGORY_ORDER = new Map(ADVICE_CATEGORIES.map((c, i) => [c, i]));

/** Generation order: priority first (higher first), then the category order, then the caller's order. */
export function byPriority(a: MatchingTemplate, b: MatchingTemplate): number {
  return b.priority - a.priority || CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)!;
}

function sameText(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

/**
 * Regeneration that keeps staff work. Edited and staff-added items keep their text and place;
 * unedited template items follow their template (new text when it changed) or go when it no
 * longer matches; hidden items stay hidden, and their templates never add them back. A matching
 * template without an item is inserted before the first visible template item of lower priority
 * (staff items have no priority and are stepped over), so a fresh set is in priority order.
 * Duplicates are dropped: one item per template, and no second item with the same Chinese text.
 * `matching` must be in generation order (`byPriority`); `priorities` holds every live template's.
 */
export function regenerationPlan(
  stored: readonly AdviceItem[],
  matching: readonly MatchingTemplate[],
  priorities: ReadonlyMap<string, number>,
): AdvicePlan {
  const matchById = new Map(matching.map((t) => [t.id, t]));
  const hidden = stored.filter((i) => i.hidden);
  const visible: PlannedItem[] = [];
  const removed: string[] = [];
  for (const item of stored.filter((i) => !i.hidden).sort((a, b) => a.position - b.position)) {
    if (item.origin !== 'template' || item.edited) {
      visible.push({ ...item });
      continue;
    }
    const template = matchById.get(item.templateId!);
    if (template === undefined) removed.push(item.id);
    else
      visible.push({
        ...item,
        category: template.category,
        textZh: template.textZh,
        textEn: template.textEn,
        templateVersion: template.version,
      });
  }
  const present = new Set(stored.flatMap((i) => (i.templateId === null ? [] : [i.templateId])));
  const texts = [...hidden, ...visible].map((i) => i.textZh);
  const priorityOf = (item: PlannedItem) => (item.templateId === null ? undefined : priorities.get(item.templateId));
  for (const template of matching) {
    if (present.has(template.id) || texts.some((t) => sameText(t, template.textZh))) continue;
    const fresh: PlannedItem = {
      id: null,
      origin: 'template',
      templateId: template.id,
      templateVersion: template.version,
      category: template.category,
      textZh: template.textZh,
      textEn: template.textEn,
      edited: false,
      hidden: false,
      position: 0,
    };
    const before = visible.findIndex((item) => {
      const priority = priorityOf(item);
      return priority !== undefined && priority < template.priority;
    });
    visible.splice(before === -1 ? visible.length : before, 0, fresh);
    present.add(template.id);
    texts.push(template.textZh);
  }
  return { items: [...positioned(visible), ...hidden], removed };
}

/**
 * The set as staff edited it: `input` is the full ordered list they want to see. A listed item
 * keeps its identity (a changed text or category marks it edited; a hidden one listed again is
 * shown again); an item without id is a new staff item; a visible item left out becomes hidden.
 * Unknown or repeated ids → 400.
 */
export function staffEditPlan(stored: readonly AdviceItem[], input: readonly StaffItemInput[]): AdvicePlan {
  const byId = new Map(stored.map((i) => [i.id, i]));
  const listed = new Set<string>();
  const visible: PlannedItem[] = input.map((entry, index) => {
    const textZh = entry.textZh.trim();
    const textEn = entry.textEn?.trim() || null;
    if (entry.id === undefined)
      return {
        id: null,
        origin: 'staff',
        templateId: null,
        templateVersion: null,
        category: entry.category,
        textZh,
        textEn,
        edited: false,
        hidden: false,
        position: index,
      };
    const item = byId.get(entry.id);
    if (item === undefined)
      throw DomainError.badRequest('ADVICE_ITEM_UNKNOWN', 'An item id is not part of this advice set', [
        { field: `items[${index}].id`, message: 'not an item of this client’s advice set' },
      ]);
    if (listed.has(entry.id))
      throw DomainError.badRequest('ADVICE_ITEM_DUPLICATE', 'An item is listed twice', [
        { field: `items[${index}].id`, message: 'listed twice' },
      ]);
    listed.add(entry.id);
    const changed = item.textZh !== textZh || (item.textEn ?? null) !== textEn || item.category !== entry.category;
    return {
      ...item,
      category: entry.category,
      textZh,
      textEn,
      edited: item.edited || (changed && item.origin === 'template'),
      hidden: false,
    };
  });
  const left = stored.filter((i) => !listed.has(i.id)).map((i) => ({ ...i, hidden: true }));
  return { items: [...positioned(visible), ...left], removed: [] };
}

function positioned(items: PlannedItem[]): PlannedItem[] {
  return items.map((item, position) => ({ ...item, position }));
}

export interface ItemChanges {
  inserts: PlannedItem[];
  updates: AdviceItem[];
  deletes: string[];
}

/** The writes that turn `stored` into `plan`; all empty when the plan changes nothing. */
export function itemChanges(stored: readonly AdviceItem[], plan: AdvicePlan): ItemChanges {
  const byId = new Map(stored.map((i) => [i.id, i]));
  const inserts: PlannedItem[] = [];
  const updates: AdviceItem[] = [];
  for (const item of plan.items) {
    if (item.id === null) {
      inserts.push(item);
      continue;
    }
    const before = byId.get(item.id)!;
    const next = item as AdviceItem;
    const fields: (keyof AdviceItem)[] = ['templateVersion', 'category', 'textZh', 'textEn', 'edited', 'hidden'];
    // Hidden items keep whatever position they had: only the visible order means anything.
    if (!next.hidden) fields.push('position');
    if (fields.some((f) => before[f] !== next[f])) updates.push(next.hidden ? { ...next, position: before.position } : next);
  }
  return { inserts, updates, deletes: plan.removed };
}

export function hasChanges(changes: ItemChanges): boolean {
  return changes.inserts.length + changes.updates.length + changes.deletes.length > 0;
}
