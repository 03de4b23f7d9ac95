/**
 * Cuts a TrueType (glyf) font down to the glyphs one text needs, for resvg: resvg 2.6 reads the
 * whole font file again for every glyph it draws, which for the 10.5 MB Noto Sans SC was most of
 * the time of a card. Glyph ids stay as they are (other glyphs become empty), so cmap, metrics and
 * GPOS are copied unchanged; only glyf and loca are rebuilt. GSUB is left out: a substitution
 * (a ligature, a contextual form) could lead to a glyph emptied here, so every character is drawn
 * with its own glyph. Returns null when the font is not one this handles (then use the full font).
 */
export function subsetFont(font: Buffer, text: string): Buffer | null {
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const entry = 12 + 16 * i;
    const offset = font.readUInt32BE(entry + 8);
    tables.set(font.toString('latin1', entry, entry + 4), font.subarray(offset, offset + font.readUInt32BE(entry + 12)));
  }
  const [head, maxp, cmap, loca, glyf] = ['head', 'maxp', 'cmap', 'loca', 'glyf'].map((tag) => tables.get(tag));
  if (!head || !maxp || !cmap || !loca || !glyf) return null;
  const glyphCount = maxp.readUInt16BE(4);
  const longOffsets = head.readInt16BE(50) === 1;
  const glyphStart = (id: number) => (longOffsets ? loca.readUInt32BE(4 * id) : loca.readUInt16BE(2 * id) * 2);
  const lookup = unicodeLookup(cmap);
  if (!lookup) return null;

  // .notdef, the text's glyphs, and the components of composite glyphs.
  const keep = new Set<number>([0]);
  const pending = [...new Set(text)].map((char) => lookup(char.codePointAt(0)!)).filter((id) => id > 0 && id < glyphCount);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (keep.has(id)) continue;
    keep.add(id);
    const start = glyphStart(id);
    if (glyphStart(id + 1) > start && glyf.readInt16BE(start) < 0) pending.push(...components(glyf, start + 10));
  }

  const glyphs: Buffer[] = [];
  const newLoca = Buffer.alloc(4 * (glyphCount + 1));
  let at = 0;
  for (let id = 0; id < glyphCount; id++) {
    newLoca.writeUInt32BE(at, 4 * id);
    if (!keep.has(id)) continue;
    const data = glyf.subarray(glyphStart(id), glyphStart(id + 1));
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    glyphs.push(padded);
    at += padded.length;
  }
  newLoca.writeUInt32BE(at, 4 * glyphCount);
  const newHead = Buffer.from(head);
  newHead.writeInt16BE(1, 50);
  newHead.writeUInt32BE(0, 8);
  tables.set('head', newHead);
  tables.set('loca', newLoca);
  tables.set('glyf', Buffer.concat(glyphs));
  tables.delete('GSUB');
  return assemble(font.readUInt32BE(0), tables);
}

/** Glyph id of a code point from a format 12 (full Unicode) or format 4 (BMP) Unicode subtable. */
function unicodeLookup(cmap: Buffer): ((codePoint: number) => number) | null {
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, i) => ({
    platform: cmap.readUInt16BE(4 + 8 * i),
    encoding: cmap.readUInt16BE(6 + 8 * i),
    table: cmap.subarray(cmap.readUInt32BE(8 + 8 * i)),
  }));
  const full = subtables.find((s) => s.platform === 3 && s.encoding === 10 && s.table.readUInt16BE(0) === 12);
  if (full) {
    const groups = full.table.readUInt32BE(12);
    return (codePoint) => {
      for (let lo = 0, hi = groups - 1; lo <= hi;) {
        const mid = (lo + hi) >> 1;
        const group = 16 + 12 * mid;
        if (codePoint < full.table.readUInt32BE(group)) hi = mid - 1;
        else if (codePoint > full.table.readUInt32BE(group + 4)) lo = mid + 1;
        else return full.table.readUInt32BE(group + 8) + codePoint - full.table.readUInt32BE(group);
      }
      return 0;
    };
  }
  const bmp = subtables.find((s) => s.platform === 3 && s.encoding === 1 && s.table.readUInt16BE(0) === 4);
  if (!bmp) return null;
  const t = bmp.table;
  const segments = t.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (codePoint) => {
    for (let i = 0; i < segments; i++) {
      if (codePoint > t.readUInt16BE(ends + 2 * i)) continue;
      const start = t.readUInt16BE(starts + 2 * i);
      if (codePoint < start) return 0;
      const delta = t.readUInt16BE(deltas + 2 * i);
      const rangeOffset = t.readUInt16BE(rangeOffsets + 2 * i);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = t.readUInt16BE(rangeOffsets + 2 * i + rangeOffset + 2 * (codePoint - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/** Glyph ids referenced by a composite glyph whose first component starts at `at`. */
function components(glyf: Buffer, at: number): number[] {
  const MORE_COMPONENTS = 0x20;
  const ids: number[] = [];
  for (let flags = MORE_COMPONENTS; flags & MORE_COMPONENTS;) {
    flags = glyf.readUInt16BE(at);
    ids.push(glyf.readUInt16BE(at + 2));
    at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
  }
  return ids;
}

/** A font file of these tables: directory sorted by tag, each table 4-byte aligned with its checksum. */
function assemble(version: number, tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const header = Buffer.alloc(12 + 16 * tags.length);
  const entrySelector = Math.floor(Math.log2(tags.length));
  header.writeUInt32BE(version, 0);
  header.writeUInt16BE(tags.length, 4);
  header.writeUInt16BE(16 * 2 ** entrySelector, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(16 * tags.length - 16 * 2 ** entrySelector, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    let sum = 0;
    for (let j = 0; j < padded.length; j += 4) sum = (sum + padded.readUInt32BE(j)) >>> 0;
    header.write(tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(sum, 16 + 16 * i);
    header.writeUInt32BE(offset, 20 + 16 * i);
    header.writeUInt32BE(data.length, 24 + 16 * i);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}
