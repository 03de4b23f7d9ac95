import { Injectable } from '@nestjs/common';
import { renderAsync } from '@resvg/resvg-js';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { CARD_HEIGHT_MM, CARD_WIDTH_MM, CardFaceLayout, cardFaceLayout } from './card-face.layout';
import { CardFaceFacts } from './card.repository';
import { subsetFont } from './font-subset';

const FONT = 'NotoSansSC';
const FONT_FAMILY = 'Noto Sans SC';
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** Print resolution of the PNG: 300 dpi gives 1011 × 638 pixels for the 85.6 × 54 mm face. */
export const CARD_FACE_DPI = 300;
export const CARD_FACE_PNG_WIDTH = Math.round((CARD_WIDTH_MM / 25.4) * CARD_FACE_DPI);
export const CARD_FACE_PNG_HEIGHT = Math.round((CARD_HEIGHT_MM / 25.4) * CARD_FACE_DPI);

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** The layout as SVG, in points through the viewBox and sized in print pixels. */
export function cardFaceSvg(layout: CardFaceLayout): string {
  // One text element with a span per line: resvg loads and parses the font once per text element,
  // which made five separate elements about three times slower.
  const spans = layout.texts.map(
    (t) =>
      `<tspan x="${t.x}" y="${t.baseline}" font-size="${t.fontSize}" fill="${t.color}" letter-spacing="${t.letterSpacing}">${escapeXml(t.text)}</tspan>`,
  );
  const { qr } = layout;
  const cell = qr.size / qr.modules;
  const path = qr.runs.map(([row, col, length]) => `M${col} ${row}h${length}v1h-${length}z`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_FACE_PNG_WIDTH}" height="${CARD_FACE_PNG_HEIGHT}" ` +
    `viewBox="0 0 ${layout.width} ${layout.height}" preserveAspectRatio="none">` +
    `<rect width="${layout.width}" height="${layout.height}" fill="#ffffff"/>` +
    `<text font-family="${FONT_FAMILY}">${spans.join('')}</text>` +
    `<path transform="translate(${qr.x} ${qr.y}) scale(${cell})" fill="#000000" d="${path}"/>` +
    `</svg>`
  );
}

/**
 * Adds a pHYs chunk after IHDR so printing software takes the image at its physical size
 * (resvg writes none). PNG chunks: length, type, data, CRC-32 of type and data.
 */
function withResolution(png: Buffer, dpi: number): Buffer {
  const pixelsPerMetre = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(pixelsPerMetre, 8);
  chunk.writeUInt32BE(pixelsPerMetre, 12);
  chunk.writeUInt8(1, 16);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  const afterHeader = 8 + 8 + png.readUInt32BE(8) + 4;
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)]);
}

/**
 * Prints card faces from one layout (`card-face.layout.ts`): a CR80 PDF page through pdfmake, or a
 * 300 dpi PNG through resvg. Both use the Noto Sans SC file shipped in node_modules and no other font.
 */
@Injectable()
export class CardFaceRenderer {
  /** Read on the first PNG, so processes that print none do not hold the 10.5 MB. */
  private font?: Buffer;

  constructor() {
    // pdfmake's server build is one shared instance. The printer may read the font file only and
    // fetch no URL, so no document content can make the server read local files or call out.
    pdfmake.addFonts({ [FONT]: { normal: FONT_FILE } });
    pdfmake.setLocalAccessPolicy((path) => path === FONT_FILE);
    pdfmake.setUrlAccessPolicy(() => false);
  }

  async pdf(facts: CardFaceFacts): Promise<Buffer> {
    const layout = cardFaceLayout(facts);
    const { qr } = layout;
    const cell = qr.size / qr.modules;
    const content: Content[] = layout.texts.map((t) => ({
      text: t.text,
      fontSize: t.fontSize,
      color: t.color,
      characterSpacing: t.letterSpacing,
      absolutePosition: { x: t.x, y: t.top },
    }));
    content.push({
      canvas: qr.runs.map(([row, col, length]) => ({
        type: 'rect' as const,
        x: col * cell,
        y: row * cell,
        w: length * cell,
        h: cell,
        color: '#000000',
      })),
      absolutePosition: { x: qr.x, y: qr.y },
    });
    const doc: TDocumentDefinitions = {
      pageSize: { width: layout.width, height: layout.height },
      pageMargins: 0,
      info: { title: `${facts.cardTypeName} ${facts.number}` },
      defaultStyle: { font: FONT },
      content,
    };
    return pdfmake.createPdf(doc).getBuffer();
  }

  /**
   * Rendered on libuv's thread pool, so a card does not hold up other requests. resvg takes fonts
   * only as files, so the card's own cut of the font (its glyphs hint at the characters of the
   * name) is written readable by this user only and removed after the render.
   */
  async png(facts: CardFaceFacts): Promise<Buffer> {
    const layout = cardFaceLayout(facts);
    this.font ??= readFileSync(FONT_FILE);
    const subset = subsetFont(this.font, layout.texts.map((t) => t.text).join(''));
    const fontFile = subset ? join(tmpdir(), `hp-card-face-${randomUUID()}.ttf`) : FONT_FILE;
    try {
      if (subset) await writeFile(fontFile, subset, { mode: 0o600 });
      const image = await renderAsync(cardFaceSvg(layout), {
        font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: FONT_FAMILY },
        shapeRendering: 2,
        textRendering: 1,
        logLevel: 'off',
      });
      return withResolution(image.asPng(), CARD_FACE_DPI);
    } finally {
      if (subset) await rm(fontFile, { force: true });
    }
  }
}
