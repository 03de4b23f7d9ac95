import { Injectable } from '@nestjs/common';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import { formatCardNumber } from './card-number';
import { CardFaceFacts } from './card.repository';

/** ISO/IEC 7810 ID-1 (CR80, a bank card): 85.6 × 54 mm in PDF points. */
const MM = 72 / 25.4;
const CR80 = { width: 85.6 * MM, height: 54 * MM };
const FONT = 'NotoSansSC';
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** The face is one small page: long names are shortened rather than wrapped onto a second page. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Prints card faces: a CR80 PDF with the card number as a QR code, or the QR code alone as PNG. */
@Injectable()
export class CardFaceRenderer {
  constructor() {
    // pdfmake's server build is one shared instance. The printer may read the font file only and
    // fetch no URL, so no document content can make the server read local files or call out.
    pdfmake.addFonts({ [FONT]: { normal: FONT_FILE } });
    pdfmake.setLocalAccessPolicy((path) => path === FONT_FILE);
    pdfmake.setUrlAccessPolicy(() => false);
  }

  async pdf(facts: CardFaceFacts): Promise<Buffer> {
    const doc: TDocumentDefinitions = {
      pageSize: CR80,
      pageMargins: [12, 10, 12, 8],
      info: { title: `${facts.cardTypeName} ${facts.number}` },
      defaultStyle: { font: FONT, fontSize: 8, color: '#1f2937' },
      content: [
        { text: clip(facts.organisationName, 24), fontSize: 9, color: '#0f766e', margin: [0, 0, 0, 4] },
        {
          columns: [
            {
              width: '*',
              stack: [
                {
                  text: clip(facts.cardTypeName, 24),
                  fontSize: [...facts.cardTypeName].length > 12 ? 8 : 11,
                  margin: [0, 2, 0, 6],
                },
                { text: clip(facts.clientName, 12), fontSize: 10, margin: [0, 0, 0, 6] },
                { text: formatCardNumber(facts.number), fontSize: 11, characterSpacing: 0.5 },
                { text: `有效期 ${facts.startDate} 至 ${facts.expiryDate}`, fontSize: 6, color: '#6b7280', margin: [0, 4, 0, 0] },
              ],
            },
            { width: 'auto', qr: facts.number, fit: 70, eccLevel: 'M' },
          ],
          columnGap: 6,
        },
      ],
    };
    return pdfmake.createPdf(doc).getBuffer();
  }

  png(number: string): Promise<Buffer> {
    return QRCode.toBuffer(number, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 });
  }
}
