/**
 * SQS message bodies as AWS documents them, for the SQS trigger's tests: the S3 event notification
 * (S3 -> SQS, and S3 -> SNS -> SQS with raw message delivery), the SNS envelope around it (raw
 * delivery off), EventBridge's "Object Created" / "Object Deleted" events, and the s3:TestEvent S3
 * sends when a notification is set up. Field for field the documentation's examples, with the
 * bucket, key and ETag of the test put in.
 */
import { encodeEventKey } from '@imr/embedded';

export interface ObjectSpec {
  bucket: string;
  /** The key as stored (the S3 notification carries it URL-encoded, EventBridge as it is). */
  key: string;
  etag?: string;
}

/** docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html (version 2.1). */
export function s3Notification(
  { bucket, key, etag = 'd41d8cd98f00b204e9800998ecf8427e' }: ObjectSpec,
  eventName = 'ObjectCreated:Put',
) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-west-2',
        eventTime: '2026-11-22T10:00:00.000Z',
        eventName,
        userIdentity: { principalId: 'AWS:AIDAJDPLRKLG7UEXAMPLE' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'imr-letters',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: encodeEventKey(key),
            ...(eventName.startsWith('ObjectCreated') ? { size: 1024, eTag: etag } : {}),
            versionId: '096fKKXTRTtl3on89fVO.nfljtsv6qko',
            sequencer: '0055AED6DCD90281E5',
          },
        },
      },
    ],
  };
}

/** What S3 puts in the queue when the notification is configured. */
export function s3TestEvent(bucket: string) {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: '2026-11-22T09:59:02.089Z',
    Bucket: bucket,
    RequestId: '5582815E1AEA5ADF',
    HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE',
  };
}

/** docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html: a notification to SQS, raw delivery off. */
export function snsEnvelope(message: unknown) {
  return {
    Type: 'Notification',
    MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
    TopicArn: 'arn:aws:sns:us-west-2:123456789012:imr-letters',
    Subject: 'Amazon S3 Notification',
    Message: JSON.stringify(message),
    Timestamp: '2026-11-22T10:00:01.655Z',
    SignatureVersion: '1',
    Signature:
      'EXAMPLEw6JRNwm1LFQL4ICB0bnXrdB8ClRMTQFGBqwLpGbM78tJ4etTwC5zU7O3tS6tGpey3ejedNdOJ+1fkIp9F2/LmNVKb5aFlYq+9rk9ZiPph5YlLmWsDcyC5T+Sy9/umic5S0UQc2PEtgdpVBahwNOdMW4JPwk0kAJJztnc=',
    SigningCertURL:
      'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem',
    UnsubscribeURL:
      'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:imr-letters:c9135db0-26c4-47ec-8998-413945fb5a96',
  };
}

/** docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html: "Object Created" and "Object Deleted". */
export function eventBridgeEvent(
  { bucket, key, etag = 'b1946ac92492d2347c6235b4d2611184' }: ObjectSpec,
  detailType: 'Object Created' | 'Object Deleted',
) {
  const created = detailType === 'Object Created';
  return {
    version: '0',
    id: created ? '17793124-05d4-b198-2fde-7ededc63b103' : '2ee9cc15-d022-99ea-1fb8-1b1bac4850f9',
    'detail-type': detailType,
    source: 'aws.s3',
    account: '111122223333',
    time: '2026-11-22T10:00:00Z',
    region: 'ca-central-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      object: created
        ? {
            key,
            size: 5,
            etag,
            'version-id': 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
            sequencer: '617f08299329d189',
          }
        : { key, sequencer: '617f0837b476e463' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '1.2.3.4',
      reason: created ? 'PutObject' : 'DeleteObject',
      ...(created ? {} : { 'deletion-type': 'Permanently Deleted' }),
    },
  };
}
