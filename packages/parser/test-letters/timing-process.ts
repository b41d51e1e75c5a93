// The linear-time test's timing process (run with `node --import tsx`): answers each request on the
// IPC channel, the big letter's parse only once the small letter's time has left.
import { answer, type TimingRequest } from './timing.ts';

process.on('message', (request: TimingRequest) => {
  answer(request, (reply, sent) => {
    process.send?.(reply, undefined, {}, () => setImmediate(sent));
  });
});
