import { queueUrlProblem } from '@imr/service-trigger';
import { parseCommandArgs, UsageError } from '../usage.ts';

const HELP = `imr trigger [--sqs QUEUE_URL]

Runs the trigger service in this process until SIGTERM/SIGINT: bucket events become ingest jobs
(created objects) and index removals (deleted ones); the bucket is reconciled every
IMR_RECONCILE_INTERVAL_MS; GET /healthz and /readyz answer on PORT.

  --sqs QUEUE_URL  long-poll this SQS queue (as IMR_SQS_QUEUE_URL does) for the bucket's events:
                   S3 event notifications sent straight to SQS or through SNS, and EventBridge
                   events. A message is deleted once its letters are enqueued; one that is no event
                   stays for the queue's redrive policy. AWS_ENDPOINT_URL_SQS points it at a local
                   SQS; region and credentials come from the AWS SDK's usual places.

POST /events (MinIO webhooks, SNS, EventBridge) is served when IMR_TRIGGER_TOKEN or
IMR_TRIGGER_HMAC_SECRET is set; without --sqs one of them is required.`;

export async function runTrigger(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { sqs: { type: 'string' } }, HELP);
  if (values.sqs !== undefined) {
    const problem = queueUrlProblem(values.sqs);
    if (problem) throw new UsageError(`--sqs: ${problem}\n\n${HELP}`);
    process.env.IMR_SQS_QUEUE_URL = values.sqs;
  }
  // The trigger service's own main: importing it starts the service (a bad setting exits 2).
  await import('../../../trigger/src/main.ts');
  // Work goes on until a signal; the shutdown handler exits the process.
  return new Promise<number>(() => undefined);
}
