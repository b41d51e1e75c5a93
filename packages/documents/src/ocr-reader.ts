import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ErrorCode, PipelineError } from '@imr/contracts';
import { pipelineMetrics } from '@imr/metrics';
import { identifyImage } from './ocr-image.ts';
import { type LimitedRun, runLimited } from './ocr-process.ts';
import { hasTextLayer } from './text-layer.ts';

/** What OCR of one document may cost. */
export interface OcrLimits {
  /** Wall-clock time for one page's rendering, and for its OCR (`ocr_timeout`). */
  pageTimeoutMs: number;
  /** Documents with more pages are refused before any page is read (`ocr_too_many_pages`). */
  maxPages: number;
  /** Address space of each child process (`ocr_memory`). */
  maxMemoryMb: number;
  /** A page with more pixels (as stored, or as rendered) is refused before it is decoded (`image_too_large`). */
  maxPagePixels: number;
  /** OCR text longer than this is no letter (`too_large`). */
  maxTextBytes: number;
}

export const DEFAULT_OCR_LIMITS: OcrLimits = {
  pageTimeoutMs: 60_000,
  maxPages: 50,
  maxMemoryMb: 1024,
  // 50 megapixels: a letter page at 600 dpi is 34 MP; 30,000 × 30,000 is 900 MP.
  maxPagePixels: 50_000_000,
  maxTextBytes: 4 * 1024 * 1024,
};

/** What OCR read: text (pages separated by form feeds), pages, and its words' mean confidence (0–100). */
export interface OcrResult {
  text: string;
  pages: number;
  meanConfidence: number;
  /** `tesseract 5.3.0` */
  engine: string;
}

/** Resolution PDF pages are rendered at for OCR (a 150 dpi fax or scan loses nothing; 300 costs twice the time). */
const DEFAULT_DPI = 200;
const MEMORY_FAILURE = /alloc|out of memory|failed to map segment|cannot allocate|memory exhausted/i;

function failureOf(
  run: LimitedRun,
  corrupt: ErrorCode,
  what: string,
  limits: OcrLimits,
): PipelineError | null {
  if (run.spawnError === 'ENOENT') return new PipelineError('ocr_unavailable', 'prlimit is not installed');
  if (run.spawnError) return new PipelineError('internal', `${what} could not start (${run.spawnError})`);
  if (run.timedOut) return new PipelineError('ocr_timeout', `${what} took over ${limits.pageTimeoutMs} ms`);
  if (/failed to execute/i.test(run.stderr))
    return new PipelineError('ocr_unavailable', `${what} is not installed`);
  if (MEMORY_FAILURE.test(run.stderr))
    return new PipelineError('ocr_memory', `${what} needed over ${limits.maxMemoryMb} MB`);
  if (run.signal) return new PipelineError(corrupt, `${what} stopped on ${run.signal}`);
  if (run.code !== 0) return new PipelineError(corrupt, `${what} failed (exit ${run.code})`);
  return null;
}

/** Mean confidence of the recognised words in tesseract's TSV output: [sum, words]. */
export function tsvConfidence(tsv: string): [number, number] {
  let sum = 0;
  let words = 0;
  for (const line of tsv.split('\n')) {
    const cols = line.split('\t');
    if (cols[0] !== '5' || cols.length < 12) continue;
    const conf = Number(cols[10]);
    if (!(conf >= 0) || !cols.slice(11).join('\t').trim()) continue;
    sum += conf;
    words++;
  }
  return [sum, words];
}

/**
 * Reads scans by OCR: Debian's `tesseract` (English) in child processes, one page at a time, each
 * bounded in time (killed at the limit) and address space (`prlimit --as`), in a private temporary
 * directory removed afterwards. PDFs are rendered page by page with poppler's `pdftoppm` (grey,
 * 200 dpi) after `pdfinfo` counts and measures their pages; image files are measured from their
 * headers (pixels, pages, truncation) before any decoder sees them. Nothing is downloaded; no
 * text reaches logs or errors.
 */
export class OcrReader {
  readonly limits: OcrLimits;
  private readonly dpi: number;
  private engine: Promise<string> | null = null;

  constructor(options: { limits?: Partial<OcrLimits>; dpi?: number } = {}) {
    this.limits = { ...DEFAULT_OCR_LIMITS, ...options.limits };
    this.dpi = options.dpi ?? DEFAULT_DPI;
  }

  /** Reads a scanned PDF (no text layer) or an image file (TIFF, PNG, JPEG). */
  async read(bytes: Uint8Array, kind: 'pdf' | 'image'): Promise<OcrResult> {
    const timed = pipelineMetrics.ocrTimer();
    const dir = await mkdtemp(join(tmpdir(), 'imr-ocr-'));
    try {
      const result = kind === 'pdf' ? await this.readPdf(bytes, dir) : await this.readImage(bytes, dir);
      timed('ok');
      return result;
    } catch (err) {
      timed('error');
      throw err;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** `tesseract 5.3.0`, asked once. */
  version(): Promise<string> {
    if (!this.engine) {
      const asking = (async () => {
        const dir = await mkdtemp(join(tmpdir(), 'imr-ocr-'));
        try {
          const run = await runLimited('tesseract', ['--version'], {
            cwd: dir,
            timeoutMs: 10_000,
            maxMemoryMb: this.limits.maxMemoryMb,
            maxStdout: 4096,
          });
          const failure = failureOf(run, 'ocr_unavailable', 'tesseract', this.limits);
          if (failure) throw failure;
          const version = /tesseract\s+v?([\d.]+)/i.exec(`${run.stdout}\n${run.stderr}`)?.[1];
          return `tesseract ${version ?? 'unknown'}`;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      })();
      this.engine = asking;
      asking.catch(() => {
        if (this.engine === asking) this.engine = null;
      });
    }
    return this.engine;
  }

  private async readPdf(bytes: Uint8Array, dir: string): Promise<OcrResult> {
    const engine = await this.version();
    await writeFile(join(dir, 'in.pdf'), bytes, { mode: 0o600 });
    const pages = await this.pdfPages(dir);
    const texts: string[] = [];
    let sum = 0;
    let words = 0;
    for (let page = 1; page <= pages; page++) {
      const render = await runLimited(
        'pdftoppm',
        [
          '-r',
          String(this.dpi),
          '-gray',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          'in.pdf',
          'page',
        ],
        { cwd: dir, timeoutMs: this.limits.pageTimeoutMs, maxMemoryMb: this.limits.maxMemoryMb },
      );
      const failure = failureOf(render, 'pdf_corrupt', `rendering page ${page}`, this.limits);
      if (failure) throw failure;
      const read = await this.tesseract(dir, 'page.pgm', ['--dpi', String(this.dpi)], 1, 'pdf_corrupt');
      await rm(join(dir, 'page.pgm'), { force: true });
      texts.push(read.text);
      sum += read.sum;
      words += read.words;
      this.checkLength(texts);
    }
    return this.result(texts, pages, sum, words, engine);
  }

  /** Counts the PDF's pages and checks each one's size as it would be rendered. */
  private async pdfPages(dir: string): Promise<number> {
    const info = async (args: string[]) => {
      const run = await runLimited('pdfinfo', [...args, 'in.pdf'], {
        cwd: dir,
        timeoutMs: this.limits.pageTimeoutMs,
        maxMemoryMb: this.limits.maxMemoryMb,
        maxStdout: 64 * 1024 + 200 * this.limits.maxPages,
      });
      const failure = failureOf(run, 'pdf_corrupt', 'pdfinfo', this.limits);
      if (failure) throw failure;
      return run.stdout;
    };
    const pages = Number(/^Pages:\s+(\d+)/m.exec(await info([]))?.[1] ?? Number.NaN);
    if (!(pages >= 1)) throw new PipelineError('pdf_corrupt', 'the PDF has no pages to read');
    if (pages > this.limits.maxPages) {
      throw new PipelineError('ocr_too_many_pages', `${pages} pages; the limit is ${this.limits.maxPages}`);
    }
    const sizes = await info(['-f', '1', '-l', String(pages)]);
    for (const m of sizes.matchAll(/^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts/gm)) {
      const pixels = (Number(m[2]) / 72) * this.dpi * ((Number(m[3]) / 72) * this.dpi);
      if (!(pixels <= this.limits.maxPagePixels)) {
        throw new PipelineError(
          'image_too_large',
          `page ${m[1]} would be ${Math.round(pixels / 1e6)} megapixels; the limit is ${Math.round(this.limits.maxPagePixels / 1e6)}`,
        );
      }
    }
    return pages;
  }

  private async readImage(bytes: Uint8Array, dir: string): Promise<OcrResult> {
    const info = identifyImage(bytes);
    if (!info) throw new PipelineError('unsupported_type', 'not a TIFF, PNG or JPEG image');
    if (info.pages.length > this.limits.maxPages) {
      throw new PipelineError(
        'ocr_too_many_pages',
        `${info.pages.length} pages; the limit is ${this.limits.maxPages}`,
      );
    }
    for (const [i, { width, height }] of info.pages.entries()) {
      if (width * height > this.limits.maxPagePixels) {
        throw new PipelineError(
          'image_too_large',
          `page ${i + 1} is ${width} × ${height} pixels; the limit is ${Math.round(this.limits.maxPagePixels / 1e6)} megapixels`,
        );
      }
    }
    const engine = await this.version();
    const name = `in.${info.format === 'jpeg' ? 'jpg' : info.format === 'tiff' ? 'tif' : 'png'}`;
    await writeFile(join(dir, name), bytes, { mode: 0o600 });
    // Tesseract reads every page of a TIFF in one run: the time limit is one page's per page.
    const read = await this.tesseract(dir, name, [], info.pages.length, 'image_corrupt');
    const texts = read.text.split('\f');
    this.checkLength(texts);
    return this.result(texts, info.pages.length, read.sum, read.words, engine);
  }

  /** One tesseract run on `input`: its text (pages separated by form feeds) and word confidences. */
  private async tesseract(
    dir: string,
    input: string,
    options: string[],
    pages: number,
    corrupt: ErrorCode,
  ): Promise<{ text: string; sum: number; words: number }> {
    const run = await runLimited('tesseract', [input, 'out', '-l', 'eng', ...options, 'txt', 'tsv'], {
      cwd: dir,
      timeoutMs: this.limits.pageTimeoutMs * pages,
      maxMemoryMb: this.limits.maxMemoryMb,
    });
    const failure = failureOf(run, corrupt, 'tesseract', this.limits);
    if (failure) throw failure;
    const readOutput = async (file: string) => {
      const path = join(dir, file);
      const size = await stat(path).then(
        (s) => s.size,
        () => -1,
      );
      if (size < 0) throw new PipelineError(corrupt, 'tesseract wrote no result');
      if (size > this.limits.maxTextBytes * 8) {
        throw new PipelineError('too_large', `OCR output of over ${this.limits.maxTextBytes} bytes`);
      }
      return readFile(path, 'utf8');
    };
    const text = (await readOutput('out.txt')).replace(/\r\n?/g, '\n').replace(/\f\s*$/, '');
    const [sum, words] = tsvConfidence(await readOutput('out.tsv'));
    await rm(join(dir, 'out.txt'), { force: true });
    await rm(join(dir, 'out.tsv'), { force: true });
    return { text, sum, words };
  }

  private checkLength(texts: string[]): void {
    const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t) + 1, 0);
    if (bytes > this.limits.maxTextBytes) {
      throw new PipelineError('too_large', `OCR text of over ${this.limits.maxTextBytes} bytes`);
    }
  }

  private result(texts: string[], pages: number, sum: number, words: number, engine: string): OcrResult {
    const text = texts.map((t) => t.replace(/\f/g, '\n').trimEnd()).join('\f');
    if (!words || !hasTextLayer(text, pages)) {
      throw new PipelineError('no_text_layer', `OCR found no readable text on ${pages} page(s)`);
    }
    return { text, pages, meanConfidence: Math.round((sum / words) * 10) / 10, engine };
  }
}
