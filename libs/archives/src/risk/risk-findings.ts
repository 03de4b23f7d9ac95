/**
 * The category codes inside a result's details, for tag rules: a finding reached through a key is
 * named `key:code` (`waist:central_obesity`, `tc:high`, `fpg:ifg`), one inside a list by its code
 * alone (`hypercholesterolaemia`, `low_hdl` of the lipid clinical types).
 */
export function findingsOf(details: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (node: unknown, key: string | null): void => {
    if (Array.isArray(node)) {
      node.forEach((item) => visit(item, null));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.category === 'string') found.add(key === null ? record.category : `${key}:${record.category}`);
    for (const [childKey, child] of Object.entries(record)) if (childKey !== 'category') visit(child, childKey);
  };
  visit(details, null);
  return [...found].sort();
}
