import PDFDocument from 'pdfkit';
import { toWindows1252Repertoire } from './windows-1252.ts';

export interface PdfRendering {
  format: 'pdf';
  /** The running header at the top of every page (default: the case number, else "IMR Final Determination"). */
  pageHeader?: string;
  /** Needed to open the file at all. */
  userPassword?: string;
  /** Restricts copying and editing; the file still opens without a password. */
  ownerPassword?: string;
  /** A "scan": the page shows ink where the words are and has no text layer. */
  noTextLayer?: boolean;
}

const MARGIN = 72;
const FONT_SIZE = 10.5;
const LINE_GAP = 2;
// A fixed date keeps the bytes (and pdfkit's file identifier, the encryption key's input) reproducible.
const CREATED = new Date(Date.UTC(2020, 0, 1));

const isHeading = (line: string) => /[A-Z]{3}/.test(line) && line === line.toUpperCase() && line.length < 100;

/** Ink for one line of text: a dark bar per word, as a scanner sees print. */
function inkLine(doc: PDFKit.PDFDocument, line: string, x: number, y: number, size: number): void {
  let at = x;
  for (const word of line.split(' ')) {
    const width = doc.widthOfString(word);
    if (word) doc.rect(at, y + size * 0.2, width, size * 0.62).fill('#2b2b2b');
    at += width + doc.widthOfString(' ');
  }
}

/** Lines of at most `width` points, measured in the current font. */
function fitLines(doc: PDFKit.PDFDocument, paragraph: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of paragraph.split(' ')) {
    const candidate = row ? `${row} ${word}` : word;
    if (row && doc.widthOfString(candidate) > width) {
      rows.push(row);
      row = word;
    } else row = candidate;
  }
  rows.push(row);
  return rows;
}

/**
 * The letter as a letter-size PDF in a standard font: running header, "Page N of M" footer, as many
 * pages as it takes; optionally encrypted, or a scan with no text layer. The same input gives the
 * same bytes.
 */
export function renderPdf(text: string, defaultHeader: string, rendering: PdfRendering): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: 'IMR Final Determination',
      Producer: 'imr-letters',
      Creator: 'imr-letters',
      CreationDate: CREATED,
    },
    ...(rendering.userPassword ? { userPassword: rendering.userPassword } : {}),
    ...(rendering.ownerPassword
      ? {
          ownerPassword: rendering.ownerPassword,
          permissions: { printing: 'highResolution' as const, copying: false, modifying: false },
        }
      : {}),
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;
  const lineHeight = FONT_SIZE + LINE_GAP + 1.5;
  let y = MARGIN;
  for (const block of toWindows1252Repertoire(text).trimEnd().split(/\n\n+/)) {
    for (const line of block.split('\n')) {
      doc.font(isHeading(line) ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
      for (const row of fitLines(doc, line, width)) {
        if (y + lineHeight > bottom) {
          doc.addPage();
          y = MARGIN;
        }
        if (rendering.noTextLayer) inkLine(doc, row, MARGIN, y, FONT_SIZE);
        else doc.text(row, MARGIN, y, { lineBreak: false });
        y += lineHeight;
      }
    }
    y += lineHeight * 0.6;
  }
  const pages = doc.bufferedPageRange();
  const header = toWindows1252Repertoire(rendering.pageHeader ?? defaultHeader);
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Furniture sits in the margins: writing there must not start a new page.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8);
    const footer = `Page ${i + 1} of ${pages.count}`;
    if (rendering.noTextLayer) {
      inkLine(doc, header, MARGIN, 40, 8);
      inkLine(doc, footer, doc.page.width - MARGIN - doc.widthOfString(footer), doc.page.height - 44, 8);
    } else {
      doc.text(header, MARGIN, 40, { lineBreak: false });
      doc.text(footer, doc.page.width - MARGIN - doc.widthOfString(footer), doc.page.height - 44, {
        lineBreak: false,
      });
    }
  }
  doc.end();
  return done;
}
