export { compareWithExpected } from './expected.ts';
export { type ExtractOptions, extractDetermination } from './extract-determination.ts';
export { detectLayout } from './layout.ts';
export { EXTRACTOR_NAME, EXTRACTOR_VERSION } from './version.ts';
