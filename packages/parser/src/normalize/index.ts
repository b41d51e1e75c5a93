export { repairMojibake } from './mojibake.ts';
export { normalizeBytes, normalizeText } from './normalize.ts';
