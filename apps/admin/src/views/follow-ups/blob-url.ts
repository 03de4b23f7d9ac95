/**
 * One object URL at a time for a Blob (the recording player's source): setting a new one or
 * clearing revokes the previous, so a page that plays several times does not keep old audio alive.
 */
export function createBlobUrlHolder() {
  let current: string | null = null;
  return {
    set(blob: Blob): string {
      this.clear();
      current = URL.createObjectURL(blob);
      return current;
    },
    clear(): void {
      if (current) URL.revokeObjectURL(current);
      current = null;
    },
  };
}
