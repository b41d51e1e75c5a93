import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { PipelineError } from '@imr/contracts';
import { pipelineMetrics, type S3Operation } from '@imr/metrics';
import { isNotFound, toStorageError } from './errors.ts';

export interface S3Settings {
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Per-request timeout; a hung server becomes a transient error, not a hung worker. */
  requestTimeoutMs?: number;
}

export interface StoredObject {
  bytes: Uint8Array;
  etag: string | null;
  versionId: string | null;
  size: number;
}

export interface ObjectSummary {
  key: string;
  etag: string | null;
  size: number;
  lastModified: Date | null;
}

/** Strips the quotes S3 puts around ETags, so the same object always gives the same string. */
export function cleanEtag(etag: string | undefined | null): string | null {
  return etag ? etag.replace(/^W\//, '').replace(/"/g, '') : null;
}

/**
 * A thin, error-mapping wrapper over the S3 client: every failure is a PipelineError whose message
 * names the operation and the bucket, never the key (keys may hold names; the job has the key).
 */
export class ObjectStore {
  readonly client: S3Client;

  constructor(settings: S3Settings) {
    const credentials =
      settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined;
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      maxAttempts: 2,
      // Checksums only where S3 requires them: TLS (and S3's own Content-MD5 checks where it asks)
      // cover transfers; a CRC of every body and response costs client CPU on each request.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { requestTimeout: settings.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000 },
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(credentials ? { credentials } : {}),
    });
  }

  /** Sends one command, counted in imr_s3_requests_total (a 404 is an answer: ok). */
  private async counted<T>(operation: S3Operation, send: () => Promise<T>): Promise<T> {
    try {
      const result = await send();
      pipelineMetrics.s3Request(operation, 'ok');
      return result;
    } catch (err) {
      pipelineMetrics.s3Request(operation, isNotFound(err) ? 'ok' : 'error');
      throw err;
    }
  }

  async ensureBucket(bucket: string): Promise<void> {
    try {
      await this.counted('head_bucket', () => this.client.send(new HeadBucketCommand({ Bucket: bucket })));
      return;
    } catch (err) {
      if (!isNotFound(err)) throw toStorageError(err, `head bucket ${bucket}`);
    }
    try {
      await this.counted('create_bucket', () =>
        this.client.send(new CreateBucketCommand({ Bucket: bucket })),
      );
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'BucketAlreadyOwnedByYou' || name === 'BucketAlreadyExists') return;
      throw toStorageError(err, `create bucket ${bucket}`);
    }
  }

  /** Throws a PipelineError unless the bucket answers (for readiness checks). */
  async checkBucket(bucket: string): Promise<void> {
    try {
      await this.counted('head_bucket', () => this.client.send(new HeadBucketCommand({ Bucket: bucket })));
    } catch (err) {
      throw toStorageError(err, `head bucket ${bucket}`);
    }
  }

  /** Reads an object, refusing (permanently, `too_large`) anything over `maxBytes` before download. */
  async get(bucket: string, key: string, options: { maxBytes?: number } = {}): Promise<StoredObject> {
    try {
      const res = await this.counted('get', () =>
        this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
      );
      const size = res.ContentLength ?? 0;
      if (options.maxBytes !== undefined && size > options.maxBytes) {
        res.Body?.transformToWebStream().cancel();
        throw new PipelineError('too_large', `object is ${size} bytes; the limit is ${options.maxBytes}`);
      }
      const bytes = res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
      if (options.maxBytes !== undefined && bytes.byteLength > options.maxBytes) {
        throw new PipelineError('too_large', `object is over ${options.maxBytes} bytes`);
      }
      if (res.ContentLength !== undefined && bytes.byteLength !== res.ContentLength) {
        // A body cut short (a reset connection): never hand on part of a letter as the letter.
        throw new PipelineError(
          'storage_unavailable',
          `get in ${bucket}: ${bytes.byteLength} of ${res.ContentLength} bytes arrived`,
        );
      }
      return {
        bytes,
        etag: cleanEtag(res.ETag),
        versionId: res.VersionId ?? null,
        size: bytes.byteLength,
      };
    } catch (err) {
      throw toStorageError(err, `get in ${bucket}`);
    }
  }

  /** Metadata only (with the object's user metadata, `x-amz-meta-*`); null when it does not exist. */
  async head(
    bucket: string,
    key: string,
  ): Promise<{ etag: string | null; size: number; metadata: Record<string, string> } | null> {
    try {
      const res = await this.counted('head', () =>
        this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
      );
      return { etag: cleanEtag(res.ETag), size: res.ContentLength ?? 0, metadata: res.Metadata ?? {} };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toStorageError(err, `head in ${bucket}`);
    }
  }

  async put(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    contentType = 'application/octet-stream',
    /** User metadata (`x-amz-meta-*`): ASCII, never letter text. */
    metadata?: Record<string, string>,
  ): Promise<{ etag: string | null }> {
    try {
      const res = await this.counted('put', () =>
        this.client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            ...(metadata ? { Metadata: metadata } : {}),
          }),
        ),
      );
      return { etag: cleanEtag(res.ETag) };
    } catch (err) {
      throw toStorageError(err, `put in ${bucket}`);
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    try {
      await this.counted('delete', () =>
        this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })),
      );
    } catch (err) {
      throw toStorageError(err, `delete in ${bucket}`);
    }
  }

  /** Pages through ListObjectsV2, yielding one page of summaries at a time. */
  async *list(bucket: string, prefix?: string, pageSize = 1000): AsyncGenerator<ObjectSummary[]> {
    let token: string | undefined;
    do {
      let res: ListObjectsV2CommandOutput;
      try {
        res = await this.counted('list', () =>
          this.client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: prefix,
              ContinuationToken: token,
              MaxKeys: pageSize,
            }),
          ),
        );
      } catch (err) {
        throw toStorageError(err, `list ${bucket}`);
      }
      const page = (res.Contents ?? [])
        .filter((o) => o.Key !== undefined)
        .map((o) => ({
          key: o.Key as string,
          etag: cleanEtag(o.ETag),
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? null,
        }));
      if (page.length) yield page;
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  /** Idempotent. */
  close(): void {
    this.client.destroy();
  }
}
