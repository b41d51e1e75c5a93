import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HOSTILE_LAYOUTS,
  HOSTILE_SLOTS,
  HOSTILE_UNITS,
  type HostileShape,
  REGRESSION_SHAPES,
} from '../../test-letters/hostile.ts';
import type { TimingReply, TimingRequest } from '../../test-letters/timing.ts';
import { LIMITS } from './limits.ts';

/**
 * The parser's time grows linearly with a letter, however hostile: a letter of 1 MB made of long runs
 * (separators, digits, labels, headings, short or long lines) is parsed (normalizeBytes and
 * extractDetermination, and extractDetermination on its raw text) in time proportional to the same
 * letter at 10 KB.
 *
 * The bound: per byte, the big letter may take 3 times the CPU time the small one takes, plus 2 s
 * (1 MB: 300 times 10 KB, plus 2 s). Linear parsing stays well inside it: 1 MB costs somewhat more per
 * byte than 10 KB (caches, garbage collection), and CPU time, unlike time on the clock, does not grow
 * when other test files share the machine. A quadratic step costs 100 times more per byte at 1 MB
 * than at 10 KB. In any case the 1 MB parse must end within 20 s on the clock (the extract job's lock is
 * 30 s): the timing runs in a process of its own, ended then.
 */

const SMALL = 10_000;
const BIG = 1_000_000;
const PER_BYTE_FACTOR = 3;
const SLACK_MS = 2_000;
const CEILING_MS = 20_000;

interface Timing {
  smallMs: number;
  smallBytes: number;
  /** CPU time of the 1 MB parse; Infinity when it was stopped. */
  bigMs: number;
  bigBytes: number;
  boundMs: number;
  longestField: number;
}

const TIMING_PROCESS = fileURLToPath(new URL('../../test-letters/timing-process.ts', import.meta.url));
let child: ChildProcess | null = null;

function timingProcess(): ChildProcess {
  if (!child || child.exitCode !== null) {
    child = fork(TIMING_PROCESS, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }
  return child;
}

afterAll(() => {
  child?.kill('SIGKILL');
});

/** Times `shape` at 10 KB and 1 MB in the timing process; a 1 MB parse still running at 20 s is stopped. */
function time(shape: HostileShape): Promise<Timing> {
  const timer = timingProcess();
  return new Promise((resolve, reject) => {
    let small: { cpuMs: number; bytes: number } | null = null;
    let boundMs = CEILING_MS;
    let stop: NodeJS.Timeout | null = null;
    const done = () => {
      timer.off('message', onMessage);
      timer.off('exit', onExit);
      if (stop) clearTimeout(stop);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      child = null;
      reject(new Error(`the timing process ended (${signal ?? code})`));
    };
    const onMessage = (reply: TimingReply) => {
      if (reply.kind === 'error') {
        done();
        reject(new Error(`parsing a hostile letter threw: ${reply.message}`));
      } else if (reply.kind === 'small') {
        small = reply;
        // The big letter is about BIG characters long.
        boundMs = Math.min((PER_BYTE_FACTOR * reply.cpuMs * BIG) / reply.bytes + SLACK_MS, CEILING_MS);
        stop = setTimeout(() => {
          done();
          timer.kill('SIGKILL');
          child = null;
          resolve({
            smallMs: reply.cpuMs,
            smallBytes: reply.bytes,
            bigMs: Infinity,
            bigBytes: 0,
            boundMs,
            longestField: 0,
          });
        }, CEILING_MS);
      } else {
        done();
        resolve({
          smallMs: small?.cpuMs ?? Number.NaN,
          smallBytes: small?.bytes ?? 0,
          bigMs: reply.cpuMs,
          bigBytes: reply.bytes,
          boundMs,
          longestField: reply.longestField,
        });
      }
    };
    timer.on('message', onMessage);
    timer.on('exit', onExit);
    const request: TimingRequest = { shape, smallSize: SMALL, bigSize: BIG };
    timer.send(request);
  });
}

// Runs of listed units and of short random strings of separators, digits and letters.
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_UNITS) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(',', ';', ':', ' ', '-', '.', '\t', '\n', '1', 'a', 'A', '#', '(', ')', '/'),
      minLength: 1,
      maxLength: 6,
    }),
  },
);
const run = fc.record({
  slot: fc.constantFrom(...HOSTILE_SLOTS),
  unit,
  lead: fc.constantFrom('', '', 'Priority', 'Page(s)', 'x'),
  tail: fc.constantFrom('', '', 'x', ' 9'),
});
const shape: fc.Arbitrary<HostileShape> = fc.record({
  layout: fc.constantFrom(...HOSTILE_LAYOUTS),
  runs: fc.array(run, { minLength: 1, maxLength: 3 }),
});

function report(s: HostileShape, t: Timing): string {
  const big = Number.isFinite(t.bigMs)
    ? `${t.bigBytes} B in ${t.bigMs.toFixed(0)} ms`
    : `${BIG} B still running after ${CEILING_MS / 1000} s on the clock (stopped)`;
  const small = `${t.smallBytes} B in ${t.smallMs.toFixed(2)} ms`;
  return `${JSON.stringify(s)}: CPU time ${small}, ${big} (bound ${t.boundMs.toFixed(0)} ms)`;
}

describe('parsing time on hostile letters', () => {
  it(
    'grows linearly from 10 KB to 1 MB, and no field of the determination exceeds its limit',
    async () => {
      await fc.assert(
        fc.asyncProperty(shape, async (s) => {
          const t = await time(s);
          expect(t.bigMs, report(s, t)).toBeLessThanOrEqual(t.boundMs);
          expect(t.longestField, report(s, t)).toBeLessThanOrEqual(LIMITS.text);
        }),
        {
          // The shapes that were super-linear in earlier versions first, then random ones.
          examples: Object.values(REGRESSION_SHAPES).map((s) => [s]),
          numRuns: Object.keys(REGRESSION_SHAPES).length + 4,
          endOnFailure: true,
        },
      );
    },
    4 * 60_000,
  );
});
