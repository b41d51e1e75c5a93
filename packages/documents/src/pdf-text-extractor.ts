import { Worker } from 'node:worker_threads';
import { PipelineError } from '@imr/contracts';

export interface PdfLimits {
  /** Wall-clock time for one document; the thread is terminated after it (`pdf_timeout`). */
  timeoutMs: number;
  /** Heap of the thread that parses (`pdf_too_complex` when exhausted). */
  maxMemoryMb: number;
  /** Documents with more pages are refused (`pdf_too_complex`). */
  maxPages: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { timeoutMs: 20_000, maxMemoryMb: 256, maxPages: 500 };

const WORKER_URL = new URL('./pdf-worker.mjs', import.meta.url);

interface Task {
  id: number;
  bytes: Uint8Array;
  resolve: (value: { text: string; pages: number }) => void;
  reject: (error: PipelineError) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

type Reply =
  | { id: number; text: string; pages: number }
  | { id: number; error: { kind: string; message: string } };

/**
 * Extracts the text layer of PDFs in worker threads, each bounded in time and memory: a hostile
 * document fails with a code and costs at most its own thread, which is replaced. Pages are
 * separated by form feeds, lines by newlines. One per process; `close()` is idempotent.
 */
export class PdfTextExtractor {
  private readonly limits: PdfLimits;
  private readonly maxThreads: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: { limits?: Partial<PdfLimits>; maxThreads?: number } = {}) {
    this.limits = { ...DEFAULT_PDF_LIMITS, ...options.limits };
    this.maxThreads = Math.max(1, options.maxThreads ?? 2);
    if (this.limits.timeoutMs <= 0 || this.limits.maxMemoryMb < 16 || this.limits.maxPages < 1) {
      throw new Error('PdfTextExtractor: limits must be positive (maxMemoryMb >= 16)');
    }
  }

  extract(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
    if (this.closed) return Promise.reject(new Error('PdfTextExtractor is closed'));
    return new Promise((resolve, reject) => {
      // A private copy: it is transferred to the thread.
      this.queue.push({ id: this.nextId++, bytes: new Uint8Array(bytes), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = [...this.slots].find((s) => !s.task);
      if (!slot && this.slots.size < this.maxThreads) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift() as Task;
      slot.task = task;
      slot.timer = setTimeout(
        () => this.fail(slot as Slot, new PipelineError('pdf_timeout'), true),
        this.limits.timeoutMs,
      );
      slot.worker.postMessage({ id: task.id, bytes: task.bytes, maxPages: this.limits.maxPages }, [
        task.bytes.buffer as ArrayBuffer,
      ]);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxMemoryMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 8,
      },
    });
    worker.unref();
    const slot: Slot = { worker, task: null, timer: null };
    this.slots.add(slot);
    worker.on('message', (reply: Reply) => this.settle(slot, reply));
    worker.on('error', (err: Error & { code?: string }) => {
      const code = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'pdf_too_complex' : 'pdf_corrupt';
      this.fail(
        slot,
        new PipelineError(
          code,
          code === 'pdf_too_complex' ? 'the PDF needs more memory than allowed' : 'the PDF reader crashed',
        ),
        false,
      );
    });
    worker.on('exit', () => {
      this.slots.delete(slot);
      if (slot.task) this.fail(slot, new PipelineError('pdf_corrupt', 'the PDF reader stopped'), false);
      this.pump();
    });
    return slot;
  }

  private settle(slot: Slot, reply: Reply): void {
    const task = slot.task;
    if (!task || task.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    if ('error' in reply) {
      const code =
        reply.error.kind === 'password'
          ? 'pdf_encrypted'
          : reply.error.kind === 'too_many_pages'
            ? 'pdf_too_complex'
            : 'pdf_corrupt';
      task.reject(
        new PipelineError(
          code,
          code === 'pdf_too_complex' ? `more than ${this.limits.maxPages} pages` : undefined,
        ),
      );
    } else if (reply.text.replace(/\s+/g, '').length < 25 * Math.max(1, reply.pages)) {
      task.reject(
        new PipelineError('no_text_layer', `${reply.pages} page(s) with no text layer; a scan needs OCR`),
      );
    } else {
      task.resolve({ text: reply.text, pages: reply.pages });
    }
    this.pump();
  }

  /** Fails the slot's task; `kill` terminates the thread (its replacement starts on demand). */
  private fail(slot: Slot, error: PipelineError, kill: boolean): void {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    task?.reject(error);
    if (kill) {
      this.slots.delete(slot);
      void slot.worker.terminate();
    }
    this.pump();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const task of this.queue.splice(0))
      task.reject(new PipelineError('internal', 'PDF extractor closed'));
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }
}
