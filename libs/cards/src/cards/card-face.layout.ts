import QRCode from 'qrcode';
import { formatCardNumber } from './card-number';
import type { CardFaceFacts } from './card.repository';

/**
 * The one description of the card face that both the PDF and the PNG draw, so the two outputs
 * cannot drift apart. Everything is positioned absolutely in PDF points (1/72 inch) on an
 * ISO/IEC 7810 ID-1 (CR80, bank card) face; nothing wraps or flows.
 */
export const MM = 72 / 25.4;
export const CARD_WIDTH_MM = 85.6;
export const CARD_HEIGHT_MM = 54;
export const CARD_WIDTH = CARD_WIDTH_MM * MM;
export const CARD_HEIGHT = CARD_HEIGHT_MM * MM;

/**
 * Vertical metrics of Noto Sans SC Regular (hhea ascender 1160, descender −288, line gap 0, per
 * 1000 units; a unit test checks them against the font file). pdfmake puts a line's box top at its
 * y and the baseline one ascender below; the SVG gets the same baseline.
 */
export const FONT_ASCENDER = 1.16;
export const FONT_DESCENDER = -0.288;
const LINE_HEIGHT = FONT_ASCENDER - FONT_DESCENDER;

const MARGIN = { left: 12, top: 10, right: 12 };
const QR_SIZE = 70;
const COLUMN_GAP = 6;

export interface FaceText {
  text: string;
  /** Left edge and top of the line box, in points. */
  x: number;
  top: number;
  /** Baseline, in points: `top` plus one ascender. */
  baseline: number;
  fontSize: number;
  color: string;
  letterSpacing: number;
}

export interface FaceQr {
  x: number;
  y: number;
  size: number;
  /** Dark modules as horizontal runs, in module units: `[row, firstColumn, length]`. */
  runs: [number, number, number][];
  modules: number;
}

export interface CardFaceLayout {
  width: number;
  height: number;
  texts: FaceText[];
  qr: FaceQr;
}

/**
 * Shortens text to at most `max` characters, ending in "…". Limits assume every character is a
 * full-width (1 em) CJK glyph, the widest the font has, so the clipped text always fits its room.
 */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Characters of 1 em that fit in `width` points at `fontSize`. */
const fitting = (width: number, fontSize: number) => Math.floor(width / fontSize);

/** Dark modules of the QR code of `value` (error correction M, as scanners of printed cards expect). */
function qrRuns(value: string): { modules: number; runs: [number, number, number][] } {
  const { size, data } = QRCode.create(value, { errorCorrectionLevel: 'M' }).modules;
  const runs: [number, number, number][] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { modules: size, runs };
}

interface Line {
  text: string;
  fontSize: number;
  color?: string;
  letterSpacing?: number;
  /** Space above and below the line box, in points. */
  before?: number;
  after?: number;
}

/** Stacks lines from `top` downwards at `x`, each advancing one line box plus its spacing. */
function stack(x: number, top: number, lines: Line[]): FaceText[] {
  let y = top;
  return lines.map((line) => {
    y += line.before ?? 0;
    const text: FaceText = {
      text: line.text,
      x,
      top: y,
      baseline: y + FONT_ASCENDER * line.fontSize,
      fontSize: line.fontSize,
      color: line.color ?? '#1f2937',
      letterSpacing: line.letterSpacing ?? 0,
    };
    y += LINE_HEIGHT * line.fontSize + (line.after ?? 0);
    return text;
  });
}

/**
 * Organisation across the top; card type, holder, formatted number and validity on the left; the
 * QR code of the number on the right.
 */
export function cardFaceLayout(facts: CardFaceFacts): CardFaceLayout {
  const fullWidth = CARD_WIDTH - MARGIN.left - MARGIN.right;
  const [organisation] = stack(MARGIN.left, MARGIN.top, [
    { text: clip(facts.organisationName, fitting(fullWidth, 9)), fontSize: 9, color: '#0f766e' },
  ]);
  const columnTop = organisation.top + LINE_HEIGHT * organisation.fontSize + 4;
  const qrX = CARD_WIDTH - MARGIN.right - QR_SIZE;
  const columnWidth = qrX - COLUMN_GAP - MARGIN.left;
  // A short type name is the card's headline; a long one gets a smaller size instead of a second line.
  const typeSize = [...facts.cardTypeName].length > fitting(columnWidth, 11) ? 8 : 11;
  const column = stack(MARGIN.left, columnTop, [
    { text: clip(facts.cardTypeName, fitting(columnWidth, typeSize)), fontSize: typeSize, before: 2, after: 6 },
    { text: clip(facts.clientName, 12), fontSize: 10, after: 6 },
    { text: formatCardNumber(facts.number), fontSize: 11, letterSpacing: 0.5 },
    { text: `有效期 ${facts.startDate} 至 ${facts.expiryDate}`, fontSize: 6, color: '#6b7280', before: 4 },
  ]);
  return {
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    texts: [organisation, ...column],
    qr: { x: qrX, y: columnTop, size: QR_SIZE, ...qrRuns(facts.number) },
  };
}
