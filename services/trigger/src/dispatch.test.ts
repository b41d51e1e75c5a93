import type { IngestPayload } from '@imr/contracts';
import type { PipelineQueues } from '@imr/queue';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchChanges, type KeyFilter, matchesFilter } from './dispatch.ts';
import { etag, validKey } from './event-keys.arbitraries.ts';
import type { ObjectChange } from './s3-event.ts';

/** Records what dispatch hands on: the ingest payloads and the removed sources. */
function recorder(removeError?: Error) {
  const enqueued: IngestPayload[] = [];
  const removed: { bucket: string; key: string }[] = [];
  const queues = {
    enqueueIngest: async (payload: IngestPayload) => {
      enqueued.push(payload);
      return { jobId: 'x' };
    },
  } as unknown as PipelineQueues;
  const removeSource = async (source: { bucket: string; key: string }) => {
    if (removeError) throw removeError;
    removed.push(source);
  };
  return { enqueued, removed, queues, removeSource };
}

const change = (kind: ObjectChange['kind'], key: string, tag: string | null): ObjectChange => ({
  kind,
  source: { bucket: 'letters', key, etag: tag, versionId: null },
  sequencer: null,
  eventTime: null,
});

/** Keys the filters below take as often as they refuse. */
const affixedKey = fc
  .tuple(
    fc.constantFrom('', 'incoming/', '../', 'in'),
    validKey,
    fc.constantFrom('', '.txt', '.PDF', '/', '.pdf '),
  )
  .map(([prefix, key, suffix]) => `${prefix}${key}${suffix}`);

describe('dispatchChanges', () => {
  it('hands every key on exactly as it came, to ingest or to removal, as the filter says', async () => {
    const filter: fc.Arbitrary<KeyFilter> = fc.record(
      {
        prefix: fc.constantFrom('incoming/', '../', 'in', ''),
        suffixes: fc.constantFrom(['.txt', '.PDF'], [], ['/']),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom<ObjectChange['kind']>('created', 'removed'), affixedKey, etag), {
          maxLength: 8,
        }),
        filter,
        async (specs, keyFilter) => {
          const { enqueued, removed, queues, removeSource } = recorder();
          const changes = specs.map(([kind, key, tag]) => change(kind, key, tag));
          const counts = await dispatchChanges(changes, { queues, removeSource, filter: keyFilter });
          const taken = changes.filter((c) => matchesFilter(c.source.key, keyFilter, 'letters'));
          expect(enqueued.map((p) => p.source)).toEqual(
            taken.filter((c) => c.kind === 'created').map((c) => c.source),
          );
          expect(enqueued.every((p) => p.trigger === 'event' && !Number.isNaN(Date.parse(p.seenAt)))).toBe(
            true,
          );
          expect(removed).toEqual(
            taken.filter((c) => c.kind === 'removed').map((c) => ({ bucket: 'letters', key: c.source.key })),
          );
          expect(counts).toEqual({
            enqueued: enqueued.length,
            removed: removed.length,
            kept: 0,
            ignored: changes.length - taken.length,
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a removed key the index refuses is ignored (the sender is not asked to retry forever); other failures propagate', async () => {
    const refused = Object.assign(new Error('invalid_source: source'), { name: 'SearchInputError' });
    const a = recorder(refused);
    expect(
      await dispatchChanges([change('removed', 'in/nul\u0000key.txt', null)], {
        queues: a.queues,
        removeSource: a.removeSource,
      }),
    ).toEqual({ enqueued: 0, removed: 0, kept: 0, ignored: 1 });
    const b = recorder(new Error('database unreachable'));
    await expect(
      dispatchChanges([change('removed', 'in/a.txt', null)], {
        queues: b.queues,
        removeSource: b.removeSource,
      }),
    ).rejects.toThrow('database unreachable');
  });
});
