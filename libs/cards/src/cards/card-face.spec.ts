import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { CARD_HEIGHT, CARD_WIDTH, FONT_ASCENDER, FONT_DESCENDER, cardFaceLayout, clip } from './card-face.layout';
import { CARD_FACE_PNG_HEIGHT, CARD_FACE_PNG_WIDTH, CardFaceRenderer, cardFaceSvg } from './card-face.renderer';
import type { CardFaceFacts } from './card.repository';
import { subsetFont } from './font-subset';

const facts: CardFaceFacts = {
  organisationName: '康宁健康管理中心',
  cardTypeName: '金卡年度体检',
  clientName: '欧阳娜娜',
  number: '800000000011',
  startDate: '2026-01-01',
  expiryDate: '2026-12-31',
};

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  const found: Chunk[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    found.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return found;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what resvg writes) into its luminance per pixel. */
function decode(png: Buffer): { width: number; height: number; luma: (x: number, y: number) => number } {
  const all = chunks(png);
  const header = all.find((c) => c.type === 'IHDR')!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([header[8], header[9], header[12]]).toEqual([8, 6, 0]);
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i];
      const left = i >= 4 ? pixels[y * stride + i - 4] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= 4 ? pixels[(y - 1) * stride + i - 4] : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
      pixels[y * stride + i] = (value + predictor) & 0xff;
    }
  }
  const luma = (x: number, y: number) => {
    const at = y * stride + x * 4;
    return 0.299 * pixels[at] + 0.587 * pixels[at + 1] + 0.114 * pixels[at + 2];
  };
  return { width, height, luma };
}

/** Share of dark pixels in a rectangle given in layout points. */
function darkShare(image: ReturnType<typeof decode>, x: number, y: number, w: number, h: number): number {
  const scale = image.width / CARD_WIDTH;
  let dark = 0;
  let total = 0;
  for (let py = Math.floor(y * scale); py < Math.ceil((y + h) * scale); py++) {
    for (let px = Math.floor(x * scale); px < Math.ceil((x + w) * scale); px++) {
      total += 1;
      if (image.luma(px, py) < 160) dark += 1;
    }
  }
  return dark / total;
}

describe('card face layout', () => {
  it('uses the vertical metrics of the font file', () => {
    const font = readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
    const tables = new Map<string, number>();
    for (let i = 0; i < font.readUInt16BE(4); i++)
      tables.set(font.toString('latin1', 12 + 16 * i, 16 + 16 * i), font.readUInt32BE(20 + 16 * i));
    const unitsPerEm = font.readUInt16BE(tables.get('head')! + 18);
    const hhea = tables.get('hhea')!;
    expect(font.readInt16BE(hhea + 4) / unitsPerEm).toBe(FONT_ASCENDER);
    expect(font.readInt16BE(hhea + 6) / unitsPerEm).toBe(FONT_DESCENDER);
    expect(font.readInt16BE(hhea + 8)).toBe(0);
  });

  it('places organisation, card type, holder, formatted number and validity, and the QR code of the number', () => {
    const layout = cardFaceLayout(facts);
    expect(layout.texts.map((t) => t.text)).toEqual([
      '康宁健康管理中心',
      '金卡年度体检',
      '欧阳娜娜',
      '8000 0000 0011',
      '有效期 2026-01-01 至 2026-12-31',
    ]);
    // A 12-character number with error correction M is a version 1 symbol: 21 × 21 modules.
    expect(layout.qr.modules).toBe(21);
    for (const t of layout.texts) expect(t.baseline).toBeCloseTo(t.top + FONT_ASCENDER * t.fontSize);
    const tops = layout.texts.map((t) => t.top);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    const last = layout.texts[layout.texts.length - 1];
    expect(last.top + (FONT_ASCENDER - FONT_DESCENDER) * last.fontSize).toBeLessThan(CARD_HEIGHT);
    expect(layout.qr.x + layout.qr.size).toBeLessThan(CARD_WIDTH);
    expect(layout.qr.y + layout.qr.size).toBeLessThan(CARD_HEIGHT);
  });

  it('keeps long texts on one line beside the QR code, even if every character is full width', () => {
    const long = cardFaceLayout({
      ...facts,
      organisationName: '中'.repeat(60),
      cardTypeName: '中'.repeat(40),
      clientName: '中'.repeat(30),
    });
    const [organisation, type, holder] = long.texts;
    expect(organisation.text.endsWith('…')).toBe(true);
    expect(type.fontSize).toBe(8);
    expect(holder.text).toBe(`${'中'.repeat(11)}…`);
    expect(organisation.x + [...organisation.text].length * organisation.fontSize).toBeLessThanOrEqual(CARD_WIDTH - 12);
    for (const t of [type, holder]) expect(t.x + [...t.text].length * t.fontSize).toBeLessThanOrEqual(long.qr.x);
    expect(cardFaceLayout(facts).texts[1].fontSize).toBe(11);
  });

  it('clips by characters, not UTF-16 units', () => {
    expect(clip('𠀀𠀁𠀂', 3)).toBe('𠀀𠀁𠀂');
    expect(clip('𠀀𠀁𠀂𠀃', 3)).toBe('𠀀𠀁…');
  });

  it('escapes markup in names for the SVG', () => {
    const svg = cardFaceSvg(cardFaceLayout({ ...facts, clientName: '<b>"A&B"</b>' }));
    expect(svg).toContain('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });
});

describe('CardFaceRenderer', () => {
  const renderer = new CardFaceRenderer();

  it('renders the whole face as a 300 dpi PNG with the CJK text and the QR code drawn', async () => {
    const png = await renderer.png(facts);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const physical = chunks(png).find((c) => c.type === 'pHYs')!.data;
    expect([physical.readUInt32BE(0), physical.readUInt32BE(4), physical[8]]).toEqual([11811, 11811, 1]);
    const image = decode(png);
    expect([image.width, image.height]).toEqual([CARD_FACE_PNG_WIDTH, CARD_FACE_PNG_HEIGHT]);
    expect([image.width, image.height]).toEqual([1011, 638]);
    expect(image.luma(0, 0)).toBeGreaterThan(250);
    expect(image.luma(image.width - 1, image.height - 1)).toBeGreaterThan(250);

    const layout = cardFaceLayout(facts);
    const qrShare = darkShare(image, layout.qr.x, layout.qr.y, layout.qr.size, layout.qr.size);
    expect(qrShare).toBeGreaterThan(0.3);
    expect(qrShare).toBeLessThan(0.7);
    // Each CJK line inks its box; without the font resvg would draw nothing there.
    for (const t of layout.texts.slice(0, 3)) {
      const width = [...t.text].length * t.fontSize;
      expect(darkShare(image, t.x, t.top, width, t.fontSize * 1.448)).toBeGreaterThan(0.04);
    }
    // Between the text column and the QR code the card stays blank.
    expect(darkShare(image, layout.qr.x - 5, layout.qr.y, 4, layout.qr.size)).toBe(0);
  });

  it('renders the same face as a CR80 PDF page', async () => {
    const pdf = await renderer.pdf(facts);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(Number(box![1])).toBeCloseTo(CARD_WIDTH, 1);
    expect(Number(box![2])).toBeCloseTo(CARD_HEIGHT, 1);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
  });
});

describe('subsetFont', () => {
  const font = readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  const table = (file: Buffer, tag: string) => {
    for (let i = 0; i < file.readUInt16BE(4); i++) {
      const entry = 12 + 16 * i;
      if (file.toString('latin1', entry, entry + 4) === tag)
        return file.subarray(file.readUInt32BE(entry + 8)).subarray(0, file.readUInt32BE(entry + 12));
    }
    return undefined;
  };
  /** Byte length of each glyph, from the long loca of a subset. */
  const glyphLengths = (file: Buffer) => {
    const loca = table(file, 'loca')!;
    return Array.from({ length: loca.length / 4 - 1 }, (_, id) => loca.readUInt32BE(4 * id + 4) - loca.readUInt32BE(4 * id));
  };

  it("keeps only the text's glyphs and .notdef, with glyph ids, metrics and cmap unchanged", () => {
    const subset = subsetFont(font, '欧阳娜娜 8000…')!;
    expect(subset.length).toBeLessThan(font.length / 10);
    const drawn = glyphLengths(subset)
      .map((length, id) => [id, length])
      .filter(([, length]) => length > 0)
      .map(([id]) => id);
    // .notdef, 欧, 阳, 娜, 8, 0 and … have outlines; the space has none.
    expect(drawn).toHaveLength(7);
    expect(drawn[0]).toBe(0);
    expect(glyphLengths(subset)).toHaveLength(table(font, 'maxp')!.readUInt16BE(4));
    expect(table(subset, 'cmap')).toEqual(table(font, 'cmap'));
    expect(table(subset, 'hmtx')).toEqual(table(font, 'hmtx'));
    expect(table(subset, 'GSUB')).toBeUndefined();
  });

  it('declines what is not a TrueType font with outlines', () => {
    expect(subsetFont(Buffer.from('00010000000000000000000000', 'hex'), 'a')).toBeNull();
  });
});
