// Types of pdf-library.mjs (plain JavaScript: the PDF thread loads it before tsx).
export function importKeepingArrayMethods<T>(
  load: () => Promise<T>,
): Promise<{ loaded: T; restored: string[] }>;
export function importPdfLibrary(): Promise<typeof import('pdf-parse')>;
