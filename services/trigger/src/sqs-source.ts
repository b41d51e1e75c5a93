import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type Config, ConfigError } from '@imr/config';
import type { Logger } from '@imr/logging';
import type { DispatchDeps } from './dispatch.ts';
import { SQS_MAX_WAIT_S, SqsPoller, sqsErrorCode } from './sqs-poller.ts';

/** Why `value` is no SQS queue URL (`https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE`), or null. */
export function queueUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not an http(s) URL';
  if (!/^\/[^/]+\/[^/]+\/?$/.test(url.pathname)) return 'not a queue URL (…/ACCOUNT/QUEUE)';
  return null;
}

/** The region an AWS-style queue URL names (`sqs.REGION.…`, `REGION.queue.amazonaws.com`), or null. */
export function regionOfQueueUrl(value: string): string | null {
  const host = new URL(value).hostname;
  return (
    (/^sqs\.([a-z]{2}(?:-[a-z]+)+-\d+)\./.exec(host) ??
      /^([a-z]{2}(?:-[a-z]+)+-\d+)\.queue\./.exec(host))?.[1] ?? null
  );
}

/**
 * The SQS client for `queueUrl`: region from the URL (else the SDK's chain: AWS_REGION, profile),
 * credentials from the SDK's chain, and AWS_ENDPOINT_URL_SQS as the endpoint when set (the client
 * would otherwise send every call to the queue URL's host). A request never hangs past the long poll.
 */
export function createSqsClient(queueUrl: string, endpoint?: string): SQSClient {
  const region = regionOfQueueUrl(queueUrl);
  return new SQSClient({
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    requestHandler: { requestTimeout: (SQS_MAX_WAIT_S + 15) * 1000 },
  });
}

const NO_QUEUE = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);

/**
 * Start-up checks a misconfigured deployment fails fast on (ConfigError naming the variable): a
 * region, credentials, and the queue itself. An SQS that does not answer is only warned about: the
 * poller retries. A queue without a redrive policy is warned about too: messages that are no events
 * then stay in it until its retention ends.
 */
async function checkQueue(client: SQSClient, queueUrl: string, log: Logger): Promise<void> {
  try {
    await client.config.region();
  } catch {
    throw new ConfigError([`AWS_REGION: set it to the queue's region (IMR_SQS_QUEUE_URL names none)`]);
  }
  let attributes: Record<string, string> | undefined;
  try {
    ({ Attributes: attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
    ));
  } catch (err) {
    const code = sqsErrorCode(err);
    if (NO_QUEUE.has(code)) throw new ConfigError([`IMR_SQS_QUEUE_URL: no such queue (${code})`]);
    if (code === 'CredentialsProviderError') {
      throw new ConfigError(['AWS_ACCESS_KEY_ID: no AWS credentials for SQS (environment, profile or role)']);
    }
    log.warn({ code }, 'sqs: the queue does not answer yet; polling retries');
    return;
  }
  if (!attributes?.RedrivePolicy) {
    log.warn(
      'sqs: the queue has no redrive policy; messages that are no events stay in it until they expire',
    );
  }
}

export interface SqsSource {
  poller: SqsPoller;
  /** Stops polling, finishes the messages in hand (up to `timeoutMs`), closes the client. Idempotent. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * The trigger's SQS mode: checks the queue (see checkQueue), then polls it into `dispatch`, the
 * same dispatch (enqueue, removal) the HTTP trigger uses.
 */
export async function startSqsSource(
  config: Pick<Config, 'IMR_SQS_QUEUE_URL' | 'IMR_SQS_VISIBILITY_TIMEOUT_S' | 'AWS_ENDPOINT_URL_SQS'>,
  dispatch: DispatchDeps,
  log: Logger,
): Promise<SqsSource> {
  const queueUrl = config.IMR_SQS_QUEUE_URL;
  if (!queueUrl) throw new ConfigError(['IMR_SQS_QUEUE_URL: set it to poll SQS']);
  const problem = queueUrlProblem(queueUrl);
  if (problem) throw new ConfigError([`IMR_SQS_QUEUE_URL: ${problem}`]);
  const client = createSqsClient(queueUrl, config.AWS_ENDPOINT_URL_SQS);
  try {
    await checkQueue(client, queueUrl, log);
  } catch (err) {
    client.destroy();
    throw err;
  }
  const poller = new SqsPoller(
    { sqs: client, dispatch, log },
    { queueUrl, visibilityTimeoutS: config.IMR_SQS_VISIBILITY_TIMEOUT_S },
  ).start();
  let closing: Promise<void> | null = null;
  return {
    poller,
    close(timeoutMs) {
      closing ??= poller.stop(timeoutMs === undefined ? {} : { timeoutMs }).finally(() => client.destroy());
      return closing;
    },
  };
}
