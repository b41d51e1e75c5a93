import { runStageProcess } from '@imr/app';
import { indexStage } from './stage.ts';

await runStageProcess('index', indexStage);
