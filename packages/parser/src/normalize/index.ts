export { repairMojibake } from './mojibake.ts';
export { normalizeBytes, normalizeLetter, normalizeText } from './normalize.ts';
export { type OcrNote, ocrWarning, repairOcrHabits } from './ocr-habits.ts';
