import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import type { SyntheticLetter } from './generate.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be' | 'double-utf-8';

export type Rendering =
  | {
      format: 'txt';
      encoding: TextEncoding;
      lineEnding?: 'lf' | 'crlf';
      doubleSpaced?: boolean;
      wrap?: number;
    }
  | {
      format: 'pdf';
      pageHeader?: string;
      userPassword?: string;
      ownerPassword?: string;
      noTextLayer?: boolean;
    };

function wrapParagraph(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lays text out as files do: wrapped lines, and for PDF exports a blank line after every line. */
function layoutText(text: string, rendering: Extract<Rendering, { format: 'txt' }>): string {
  const paragraphs = text.trimEnd().split(/\n\n/);
  const width = rendering.wrap ?? (rendering.doubleSpaced ? 95 : 0);
  const blocks = paragraphs.map((p) =>
    width ? p.split('\n').flatMap((l) => wrapParagraph(l, width)) : p.split('\n'),
  );
  const out = rendering.doubleSpaced
    ? blocks.map((lines) => lines.map((l) => `${l} \n`).join('\n')).join('\n \n\n')
    : blocks.map((lines) => lines.join('\n')).join('\n\n');
  const ended = `${out}\n`;
  return rendering.lineEnding === 'crlf' ? ended.replace(/\n/g, '\r\n') : ended;
}

function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'windows-1252':
      return iconv.encode(text, 'windows-1252');
    case 'utf-16le':
    case 'utf-16be':
      return iconv.encode(text, encoding, { addBOM: true });
    case 'double-utf-8':
      // UTF-8 bytes read as Windows-1252 and saved as UTF-8 again: mojibake such as `Â§`.
      return Buffer.from(iconv.decode(Buffer.from(text, 'utf8'), 'windows-1252'), 'utf8');
  }
}

function renderPdf(
  letter: SyntheticLetter,
  rendering: Extract<Rendering, { format: 'pdf' }>,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
      bufferPages: true,
      info: { Title: 'IMR Final Determination', CreationDate: new Date(Date.UTC(2020, 0, 1)) },
      ...(rendering.userPassword ? { userPassword: rendering.userPassword } : {}),
      ...(rendering.ownerPassword
        ? { ownerPassword: rendering.ownerPassword, permissions: { copying: false, modifying: false } }
        : {}),
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica').fontSize(10.5);
    for (const paragraph of letter.text.trimEnd().split('\n\n')) {
      if (rendering.noTextLayer) {
        // A "scan": ink where the words would be, and no text layer at all.
        for (const line of wrapParagraph(paragraph.replace(/\n/g, ' '), 90)) {
          if (doc.y > 680) doc.addPage();
          doc.rect(72, doc.y, line.length * 5.2, 7).fill('#333');
          doc.y += 13;
        }
        doc.y += 8;
      } else {
        doc.text(paragraph.replace(/\n/g, '\n'), { align: 'left' });
        doc.moveDown(0.6);
      }
    }
    const range = doc.bufferedPageRange();
    const header = rendering.pageHeader ?? 'IMR Final Determination';
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      if (!rendering.noTextLayer) {
        doc.fontSize(8).text(header, 72, 40, { lineBreak: false });
        doc.text(`Page ${i + 1} of ${range.count}`, 72, 740, { lineBreak: false });
      }
    }
    doc.end();
  });
}

/** The letter as bytes: text in an encoding and layout, or a PDF (optionally encrypted or a scan). */
export async function renderLetter(letter: SyntheticLetter, rendering: Rendering): Promise<Buffer> {
  if (rendering.format === 'pdf') return renderPdf(letter, rendering);
  return encodeText(layoutText(letter.text, rendering), rendering.encoding);
}
