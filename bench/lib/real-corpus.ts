// The published letters of ../shared/corpus/real, and poppler's pdftotext on them: the ceiling the
// PDF threads are measured against.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const REAL_CORPUS = fileURLToPath(new URL('../../../shared/corpus/real/', import.meta.url));

/** The PDFs of corpus/real, in name order; none when the corpus is not beside the project. */
export function realPdfPaths(): string[] {
  if (!existsSync(REAL_CORPUS)) return [];
  return readdirSync(REAL_CORPUS)
    .filter((name) => name.endsWith('.pdf'))
    .sort()
    .map((name) => join(REAL_CORPUS, name));
}

/** CPU seconds used so far by this process's children that have ended (user + system). */
function childrenCpuSeconds(): number {
  // /proc/self/stat fields 16 and 17 (cutime, cstime), in clock ticks; the name (field 2) may hold spaces.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

export interface PdfRate {
  pdfs: number;
  pdfsPerSecond: number;
  /** PDFs per CPU second: the rate on one core (other load on the machine still slows it). */
  pdfsPerCpuSecond: number;
}

/** The figures for `pdfs` documents read in `wallMs` using `cpuSeconds` of CPU. */
export function rateOf(pdfs: number, wallMs: number, cpuSeconds: number): PdfRate {
  const round = (n: number) => Math.round(n * 10) / 10;
  return { pdfs, pdfsPerSecond: round(pdfs / (wallMs / 1000)), pdfsPerCpuSecond: round(pdfs / cpuSeconds) };
}

/** The smallest PDF pdftotext reads without complaint: one empty page. */
const EMPTY_PDF = [
  '%PDF-1.1',
  '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
  '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj',
  'trailer<</Root 1 0 R>>',
  '%%EOF',
].join('\n');

/**
 * `pdftotext` on each file in turn, `rounds` times, process start included; null without poppler.
 * A small shell starts them: a fork of this (large) process would cost each start far more.
 */
export function pdftotextRate(files: readonly string[], rounds = 1): PdfRate | null {
  if (files.length === 0 || spawnSync('pdftotext', ['-v']).error) return null;
  const loop = 'for r in $(seq "$0"); do for f; do pdftotext -q "$f" - >/dev/null || exit 1; done; done';
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const run = spawnSync('sh', ['-c', loop, String(rounds), ...files], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`pdftotext failed (exit ${run.status})`);
  return rateOf(files.length * rounds, performance.now() - started, childrenCpuSeconds() - cpuBefore);
}

/** What starting pdftotext costs: its rate on an empty one-page PDF (`count` runs). */
export function pdftotextStartRate(count: number): PdfRate | null {
  const dir = mkdtempSync(join(tmpdir(), 'pdftotext-'));
  try {
    const empty = join(dir, 'empty.pdf');
    writeFileSync(empty, EMPTY_PDF);
    return pdftotextRate(Array.from({ length: count }, () => empty));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
