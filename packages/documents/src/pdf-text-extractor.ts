import { Worker } from 'node:worker_threads';
import { PipelineError } from '@imr/contracts';
import { pipelineMetrics } from '@imr/metrics';
import { type PdfLimits, resolvePdfLimits } from './pdf-limits.ts';
import type { PdfReply, PdfRequest } from './pdf-worker-protocol.ts';
import { hasTextLayer } from './text-layer.ts';

const WORKER_URL = new URL('./pdf-worker-entry.mjs', import.meta.url);
const MB = 1024 * 1024;
/** What a fresh thread with pdf.js loaded adds to the process, beyond its document's allowance. */
const THREAD_COST_MB = 64;
const MEMORY_CHECK_MS = 50;

interface Task {
  id: number;
  bytes: Uint8Array;
  /** Read with no other document at the same time (after an unattributable memory excess). */
  alone: boolean;
  resolve: (value: { text: string; pages: number }) => void;
  reject: (error: PipelineError) => void;
}

interface Slot {
  worker: Worker;
  /** The thread has loaded pdf.js; failures before that are the service's, not a document's. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** Process memory (RSS) when the task started. */
  startRss: number;
}

/**
 * Extracts the text layer of PDFs in worker threads, each bounded in time and memory: a hostile
 * document fails with a code and costs at most its own thread, which is replaced. At most
 * `maxThreads` documents are read at once, one per thread; others wait in a queue. Lines are
 * joined with newlines, pages with form feeds. `close()` is idempotent.
 */
export class PdfTextExtractor {
  private readonly limits: PdfLimits;
  private readonly maxThreads: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private memoryTimer: NodeJS.Timeout | null = null;
  private nextId = 1;
  private closing: Promise<void> | null = null;

  constructor(options: { limits?: Partial<PdfLimits>; maxThreads?: number } = {}) {
    this.limits = resolvePdfLimits(options.limits);
    this.maxThreads = Math.max(1, Math.floor(options.maxThreads ?? 2));
  }

  extract(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
    if (this.closing) return Promise.reject(new PipelineError('internal', 'the PDF extractor is closed'));
    const timed = pipelineMetrics.pdfTimer();
    return new Promise<{ text: string; pages: number }>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, alone: false, resolve, reject });
      this.pump();
    }).then(
      (result) => {
        timed('ok');
        return result;
      },
      (error: unknown) => {
        timed('error');
        throw error;
      },
    );
  }

  /** Stops every thread; documents still waiting or being read fail with `internal`. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new PipelineError('internal', 'the PDF extractor was closed');
      for (const task of this.queue.splice(0)) task.reject(closed);
      const slots = [...this.slots];
      for (const slot of slots) this.retire(slot)?.reject(closed);
      this.watchMemory();
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    })();
    return this.closing;
  }

  private busy(): Slot[] {
    return [...this.slots].filter((slot) => slot.task);
  }

  private pump(): void {
    while (!this.closing && this.queue.length > 0) {
      const busy = this.busy();
      const next = this.queue[0] as Task;
      if (busy.some((slot) => slot.task?.alone) || (next.alone && busy.length > 0)) break;
      const slot =
        [...this.slots].find((s) => !s.task) ?? (this.slots.size < this.maxThreads ? this.spawn() : null);
      if (!slot) break;
      this.queue.shift();
      this.start(slot, next);
    }
    this.watchMemory();
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.startRss = process.memoryUsage.rss();
    slot.timer = setTimeout(() => {
      this.retire(slot)?.reject(
        new PipelineError('pdf_timeout', `no result within ${this.limits.timeoutMs} ms`),
      );
      this.pump();
    }, this.limits.timeoutMs);
    // The bytes are copied, not transferred: the caller keeps them, and a retry needs them. A view
    // into a larger buffer is cut out first (a copy would carry the whole buffer).
    const { bytes } = task;
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const request: PdfRequest = {
      id: task.id,
      bytes: whole ? bytes : bytes.slice(),
      maxPages: this.limits.maxPages,
      maxTextBytes: this.limits.maxTextBytes,
    };
    slot.worker.postMessage(request);
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      // Not the parent's flags: a loader such as `--import tsx` would load pdf.js through itself,
      // at a cost of tens of MB of the thread's heap (the entry point loads TypeScript itself).
      execArgv: [],
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxMemoryMb,
        maxYoungGenerationSizeMb: Math.min(32, Math.max(4, Math.floor(this.limits.maxMemoryMb / 8))),
        stackSizeMb: 4,
      },
      // pdf.js may print what it found in a document: nothing of it reaches the service's logs.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    const slot: Slot = { worker, ready: false, task: null, timer: null, startRss: 0 };
    this.slots.add(slot);
    worker.on('message', (reply: PdfReply | 'ready') => {
      if (reply === 'ready') slot.ready = true;
      else this.settle(slot, reply);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      const error =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new PipelineError(
              'pdf_too_complex',
              `reading the PDF needed a heap over ${this.limits.maxMemoryMb} MB`,
            )
          : slot.ready
            ? new PipelineError('pdf_corrupt', `the PDF reader failed (${err.name})`)
            : new PipelineError('internal', `the PDF thread could not start (${err.name})`, { cause: err });
      this.drop(slot, error);
    });
    worker.on('exit', () => this.drop(slot, new PipelineError('pdf_corrupt', 'the PDF reader stopped')));
    return slot;
  }

  private settle(slot: Slot, reply: PdfReply): void {
    const task = slot.task;
    if (!task || task.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    if (reply.ok && hasTextLayer(reply.text, reply.pages)) {
      task.resolve({ text: reply.text, pages: reply.pages });
    } else if (reply.ok) {
      task.reject(
        new PipelineError('no_text_layer', `${reply.pages} page(s) without a text layer; it needs OCR`),
      );
    } else if (reply.failure === 'password') {
      task.reject(new PipelineError('pdf_encrypted'));
    } else if (reply.failure === 'too_much_text') {
      task.reject(new PipelineError('too_large', `the PDF's text is over ${this.limits.maxTextBytes} bytes`));
    } else if (reply.failure === 'too_many_pages') {
      task.reject(
        new PipelineError('pdf_too_complex', `${reply.pages} pages; the limit is ${this.limits.maxPages}`),
      );
    } else {
      task.reject(new PipelineError('pdf_corrupt', `the PDF cannot be read (${reply.errorName})`));
    }
    this.pump();
  }

  /** A thread that failed or ended: its task (if any) fails with `error`; a new thread starts on demand. */
  private drop(slot: Slot, error: PipelineError): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task?.reject(error);
    slot.task = null;
    this.pump();
  }

  /** Terminates a slot's thread and hands back the task it was reading. */
  private retire(slot: Slot): Task | null {
    const task = slot.task;
    this.slots.delete(slot);
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    void slot.worker.terminate();
    return task;
  }

  /** While documents are read, samples process memory: memory outside a thread's heap has no limit. */
  private watchMemory(): void {
    const busy = this.busy().length > 0;
    if (busy && !this.memoryTimer) {
      this.memoryTimer = setInterval(() => this.checkMemory(), MEMORY_CHECK_MS);
      this.memoryTimer.unref();
    } else if (!busy && this.memoryTimer) {
      clearInterval(this.memoryTimer);
      this.memoryTimer = null;
    }
  }

  private checkMemory(): void {
    const busy = this.busy();
    if (busy.length === 0) return;
    const rss = process.memoryUsage.rss();
    const growth = rss - Math.min(...busy.map((slot) => slot.startRss));
    const allowance = busy.length * (2 * this.limits.maxMemoryMb + THREAD_COST_MB) * MB;
    const ceiling = this.limits.memoryCeilingMb;
    // Over the ceiling counts only when documents grew the process: one near it already is no
    // document's fault.
    const overCeiling = ceiling !== null && rss > ceiling * MB && growth > THREAD_COST_MB * MB;
    if (growth <= allowance && !overCeiling) return;
    if (busy.length === 1) {
      this.retire(busy[0] as Slot)?.reject(
        new PipelineError(
          'pdf_too_complex',
          overCeiling
            ? `reading the PDF took the process over its memory ceiling of ${ceiling} MB`
            : `reading the PDF grew the process by over ${2 * this.limits.maxMemoryMb + THREAD_COST_MB} MB`,
        ),
      );
    } else {
      // Which document grew cannot be told from here: each is read again, alone.
      const tasks = busy.map((slot) => this.retire(slot)).filter((task): task is Task => task !== null);
      for (const task of tasks) task.alone = true;
      this.queue.unshift(...tasks);
    }
    this.pump();
  }
}
