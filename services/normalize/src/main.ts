import { runStageProcess } from '@imr/app';
import { normalizeStage } from './stage.ts';

await runStageProcess('normalize', normalizeStage);
