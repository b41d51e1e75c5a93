// s3rver in its own process, for benchmarks: the pipeline's S3 client and the S3 server do not
// share a CPU's event loop, as in production. Started with fork() (IPC): sends { endpoint } when
// listening, answers 'count' with the requests served so far by HTTP method, exits on 'stop'.
import { S3Server } from '@imr/embedded';

const directory = process.argv[2];
if (!directory) throw new Error('usage: s3-server-process.ts DIR');
const server = await S3Server.start({ directory });
const counts: Record<string, number> = {};
server.httpServer?.on('request', (req: { method?: string }) => {
  const method = req.method ?? 'OTHER';
  counts[method] = (counts[method] ?? 0) + 1;
});
process.on('message', (message) => {
  if (message === 'count') process.send?.({ counts });
  if (message === 'stop') void server.stop().then(() => process.exit(0));
});
process.send?.({ endpoint: server.endpoint });
