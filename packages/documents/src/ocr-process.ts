import { spawn } from 'node:child_process';

export interface LimitedRun {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed by us at the time limit. */
  timedOut: boolean;
  /** The spawn itself failed (ENOENT: prlimit is not installed). */
  spawnError: string | null;
  /** The end of the child's stderr (diagnostics; read for classification, never logged). */
  stderr: string;
  /** Its stdout (only asked for where it carries numbers, e.g. `pdfinfo`); at most `maxStdout` bytes. */
  stdout: string;
  ms: number;
}

const STDERR_KEEP = 16 * 1024;

/**
 * Runs a program in a child process under limits: its address space (`prlimit --as`, so a
 * hostile image makes its allocations fail instead of the machine swap), a wall-clock time after
 * which it is SIGKILLed, one OCR thread (OMP_THREAD_LIMIT=1: the lane's concurrency is the number
 * of cores it takes), no stdin, a private working directory and a minimal environment.
 */
export function runLimited(
  program: string,
  args: string[],
  options: { cwd: string; timeoutMs: number; maxMemoryMb: number; maxStdout?: number },
): Promise<LimitedRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('prlimit', [`--as=${options.maxMemoryMb * 1024 * 1024}`, '--', program, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', OMP_THREAD_LIMIT: '1' },
    });
    let stderr = '';
    let stdout = '';
    let timedOut = false;
    let spawnError: string | null = null;
    const maxStdout = options.maxStdout ?? 0;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < maxStdout) stdout += chunk.slice(0, maxStdout - stdout.length);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    let settled = false;
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, signal, timedOut, spawnError, stderr, stdout, ms: Date.now() - started });
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err.code ?? err.name;
      // A child that never started emits no 'close' in every Node version.
      if (child.pid === undefined) settle(null, null);
    });
    child.on('close', settle);
  });
}
