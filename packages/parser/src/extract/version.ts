/** Recorded in every determination; bump the version whenever the extracted output changes. */
export const EXTRACTOR_NAME = 'imr-parser';
export const EXTRACTOR_VERSION = '1.1.0';
