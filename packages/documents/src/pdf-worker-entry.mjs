// The PDF thread's entry point. The project runs TypeScript through tsx without a build step, and
// on Node 20 a worker thread does not inherit the tsx loader: this loads pdf-worker.ts through it.
import { tsImport } from 'tsx/esm/api';

await tsImport('./pdf-worker.ts', import.meta.url);
