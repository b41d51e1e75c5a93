export { repairMojibake } from './mojibake.ts';
export { normalizeBytes, normalizeText } from './normalize.ts';
export { type OcrNote, ocrWarning, repairOcrHabits } from './ocr-habits.ts';
