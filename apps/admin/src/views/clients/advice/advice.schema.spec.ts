import { describe, expect, it } from 'vitest';
import type { AdviceItem, ClientAdvice } from '@/api/types';
import { draftOf, hasEmptyText, isDirty, moveItem, replaceBody } from './advice.schema';

function item(id: string, textZh: string, origin: AdviceItem['origin'] = 'template'): AdviceItem {
  return {
    id,
    category: 'diet',
    textZh,
    textEn: `${textZh} (en)`,
    origin,
    templateId: origin === 'template' ? `t-${id}` : null,
    templateVersion: origin === 'template' ? 1 : null,
    edited: false,
    position: 0,
  };
}

const advice: ClientAdvice = {
  clientId: 'c1',
  revision: 3,
  status: 'draft',
  items: [item('a', '少盐'), item('b', '快走')],
  hiddenItems: [],
  approval: null,
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('client advice draft', () => {
  it('moves items and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('is clean as loaded and dirty after a reorder, an edit, an addition or a removal', () => {
    const draft = draftOf(advice);
    expect(isDirty(advice, draft)).toBe(false);
    expect(isDirty(advice, moveItem(draft, 1, -1))).toBe(true);
    expect(isDirty(advice, [{ ...draft[0]!, textZh: '少盐少油' }, draft[1]!])).toBe(true);
    expect(isDirty(advice, [draft[0]!])).toBe(true);
    expect(
      isDirty(advice, [...draft, { key: 'n1', category: 'mental', textZh: '放松', textEn: '', origin: 'staff', edited: false }]),
    ).toBe(true);
  });

  it('sends ids of kept items, none for new ones, trimmed texts and null for an empty English text', () => {
    const draft = [
      { ...draftOf(advice)[1]!, textZh: ' 快走30分钟 ' },
      { key: 'n1', category: 'mental' as const, textZh: '放松', textEn: ' ', origin: 'staff' as const, edited: false },
    ];
    expect(replaceBody(advice, draft)).toEqual({
      revision: 3,
      items: [
        { id: 'b', category: 'diet', textZh: '快走30分钟', textEn: '快走 (en)' },
        { category: 'mental', textZh: '放松', textEn: null },
      ],
    });
    expect(hasEmptyText(draft)).toBe(false);
    expect(hasEmptyText([{ ...draft[1]!, textZh: '  ' }])).toBe(true);
  });
});
