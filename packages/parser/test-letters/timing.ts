/**
 * Timing of the parser on hostile letters for the linear-time test, which runs it in a process of its
 * own (timing-process.ts): a parse past its bound is stopped by ending the process.
 */
import { type Determination, PipelineError } from '@imr/contracts';
import { extractDetermination, normalizeBytes } from '../src/index.ts';
import { type HostileShape, hostileLetter } from './hostile.ts';

/**
 * What a letter goes through: normalizeBytes and extractDetermination on its UTF-8 bytes, and
 * extractDetermination on its raw text (as the extract stage would see text nothing re-flowed). A
 * letter refused as no IMR letter gives no determination; any other error is thrown.
 */
export function parseEveryWay(text: string): Determination[] {
  const out: Determination[] = [];
  for (const normalized of [
    () => normalizeBytes(Buffer.from(text, 'utf8')),
    () => ({ text, encoding: 'utf-8', repairs: [], warnings: [] }),
  ]) {
    try {
      out.push(extractDetermination(normalized()));
    } catch (error) {
      if (!(PipelineError.is(error) && error.code === 'not_imr_letter')) throw error;
    }
  }
  return out;
}

/**
 * Milliseconds of CPU time `work` takes (this process, all its threads: garbage collection included).
 * CPU time, unlike the time on the clock, does not grow when other processes share the machine.
 */
export function cpuMs(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** The longest string anywhere in a value (a determination's longest field). */
export function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  let longest = 0;
  for (const v of Object.values(value)) longest = Math.max(longest, longestString(v));
  return longest;
}

export interface TimingRequest {
  shape: HostileShape;
  smallSize: number;
  bigSize: number;
}

export type TimingReply =
  | { kind: 'small'; bytes: number; cpuMs: number }
  | { kind: 'big'; bytes: number; cpuMs: number; longestField: number }
  | { kind: 'error'; message: string };

/** Warm-up parses of the small letter before it is timed, then how many timings (the least is kept). */
const WARM_UP = 8;
const TIMINGS = 5;

/**
 * Times a request's shape: replies with the small letter's CPU time (after a warm-up, the least of a
 * few), then, once that reply is sent, parses the big letter once and replies with its time. The
 * requester may stop the process before the second reply.
 */
export function answer(request: TimingRequest, send: (reply: TimingReply, sent: () => void) => void): void {
  const fail = (error: unknown) =>
    send(
      { kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
      () => {},
    );
  try {
    const small = hostileLetter(request.shape, request.smallSize);
    for (let i = 0; i < WARM_UP; i++) parseEveryWay(small);
    const timings: number[] = [];
    for (let i = 0; i < TIMINGS; i++) timings.push(cpuMs(() => parseEveryWay(small)));
    send({ kind: 'small', bytes: small.length, cpuMs: Math.min(...timings) }, () => {
      try {
        const big = hostileLetter(request.shape, request.bigSize);
        let determinations: Determination[] = [];
        const bigMs = cpuMs(() => {
          determinations = parseEveryWay(big);
        });
        send(
          { kind: 'big', bytes: big.length, cpuMs: bigMs, longestField: longestString(determinations) },
          () => {},
        );
      } catch (error) {
        fail(error);
      }
    });
  } catch (error) {
    fail(error);
  }
}
