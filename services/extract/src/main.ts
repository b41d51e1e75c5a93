import { runStageProcess } from '@imr/app';
import { extractStage } from './stage.ts';

await runStageProcess('extract', extractStage);
