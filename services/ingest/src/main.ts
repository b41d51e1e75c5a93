import { runStageProcess } from '@imr/app';
import { ingestStage } from './stage.ts';

await runStageProcess('ingest', ingestStage);
