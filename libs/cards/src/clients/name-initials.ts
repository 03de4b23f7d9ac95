import { pinyin } from 'pinyin-pro';

/**
 * Lower-case initials of a name for search: pinyin initials of Chinese characters (surnames read
 * with their surname pronunciation: 曾 → z, 单 → s) and the first letter of other words
 * (张三 → `zs`, John Smith → `js`).
 */
export function nameInitials(name: string): string {
  const parts = name.normalize('NFKC').match(/\p{Script=Han}+|[A-Za-z0-9]+/gu) ?? [];
  return parts
    .map((part) =>
      /^\p{Script=Han}/u.test(part)
        ? pinyin(part, { pattern: 'first', toneType: 'none', type: 'array', surname: parts[0] === part ? 'head' : 'off' }).join(
            '',
          )
        : part[0],
    )
    .join('')
    .toLowerCase();
}
