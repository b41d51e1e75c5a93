import { runStageProcess } from '@imr/app';
import { ocrStage } from './stage.ts';

await runStageProcess('ocr', ocrStage);
