// PDFs made for tests: letters through pdfkit, and hand-built documents whose single page has a
// given content stream (decompression bombs, huge pages). No binary fixture is committed.
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';
import PDFDocument from 'pdfkit';

export const LETTER_LINES = [
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  'Ketamine 5% cream 60gm apply TID: Upheld',
  'Decision rationale: the request is not medically necessary.',
];

async function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const end = once(doc, 'end');
  doc.end();
  await end;
  return Buffer.concat(chunks);
}

/** A letter of `pages` pages, each ending with "Page N of M", through pdfkit. */
export function letterPdf(options: PDFKit.PDFDocumentOptions = {}, pages = 1): Promise<Buffer> {
  const doc = new PDFDocument({ ...options, info: { CreationDate: new Date(0) } });
  for (let page = 1; page <= pages; page++) {
    if (page > 1) doc.addPage();
    doc.text([...LETTER_LINES, `Page ${page} of ${pages}`].join('\n'));
  }
  return collect(doc);
}

/** A page of filled rectangles and no text, like a scan. */
export function scanPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
  for (let y = 72; y < 600; y += 14) doc.rect(72, y, 300 + (y % 150), 8).fill('#222');
  return collect(doc);
}

/** Deflates `repeat` copies of `chunk` without holding the inflated bytes. */
async function deflateRepeated(chunk: Buffer, repeat: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const end = once(deflate, 'end');
  for (let i = 0; i < repeat; i++) if (!deflate.write(chunk)) await once(deflate, 'drain');
  deflate.end();
  await end;
  return Buffer.concat(parts);
}

/** A one-page PDF (Helvetica as /F1) whose content stream is `repeat` copies of `chunk`, deflated. */
export async function onePagePdf(chunk: string, repeat: number): Promise<Buffer> {
  const stream = await deflateRepeated(Buffer.from(chunk, 'latin1'), repeat);
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    ),
    Buffer.concat([
      Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`),
      stream,
      Buffer.from('\nendstream'),
    ]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
  ];
  const parts = [Buffer.from('%PDF-1.4\n')];
  let length = parts[0]?.length ?? 0;
  const offsets = objects.map((body, i) => {
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(object);
    length += object.length;
    return length - object.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref)]);
}
