// Visibility classes of the store-fed matcher: entries that every reader sees or does not see alike
// share one class id, and a reader's filter is a bitset over class ids computed with canSeeShared,
// the one TLP rule (src/platform/access/tlp-policy.ts), so the index never grows its own policy.
import type { Actor } from '../../platform/access/policy.ts';
import { canSeeShared, type SharedResource } from '../../platform/access/tlp-policy.ts';
import { MAX_VISIBILITY_CLASS } from './entry.ts';
import { createVisibilityMask } from './visibility.ts';

type ReaderMask = { mask: Uint32Array; upTo: number };

export class VisibilityClasses {
  readonly #ids = new Map<string, number>();
  readonly #resources: SharedResource[] = [];
  readonly #readers = new Map<string, ReaderMask>();

  get count(): number {
    return this.#resources.length;
  }

  /**
   * The class of an object, or undefined when every class id is taken. Only what canSeeShared reads
   * for the object's TLP goes into the key: CLEAR and GREEN objects of all producers share one class,
   * AMBER and AMBER+STRICT (same audience rule) share classes by producer and audience.
   */
  classOf(resource: SharedResource): number | undefined {
    const key = classKey(resource);
    const known = this.#ids.get(key);
    if (known !== undefined) {
      return known;
    }
    if (this.#resources.length > MAX_VISIBILITY_CLASS) {
      return undefined;
    }
    const id = this.#resources.length;
    this.#ids.set(key, id);
    this.#resources.push({
      ...resource,
      audienceOrganisationIds: [...resource.audienceOrganisationIds],
      audienceUserIds: [...resource.audienceUserIds],
    });
    return id;
  }

  /** The reader's bitset over class ids, cached per reader and extended as classes appear. */
  maskFor(actor: Actor): Uint32Array {
    const key = `${actor.userId}|${actor.memberships
      .map((m) => m.organisationId)
      .sort()
      .join(',')}`;
    let reader = this.#readers.get(key);
    if (!reader) {
      reader = { mask: createVisibilityMask([]), upTo: 0 };
      if (this.#readers.size > 10_000) {
        this.#readers.clear(); // a bound, not a policy: masks are cheap to recompute
      }
      this.#readers.set(key, reader);
    }
    for (; reader.upTo < this.#resources.length; reader.upTo += 1) {
      if (canSeeShared(actor, this.#resources[reader.upTo]!)) {
        const c = reader.upTo;
        reader.mask[c >>> 5] = reader.mask[c >>> 5]! | (1 << (c & 31));
      }
    }
    return reader.mask;
  }
}

function classKey(r: SharedResource): string {
  switch (r.tlp) {
    case 'clear':
    case 'green':
      return 'shared';
    case 'amber':
    case 'amber+strict':
      return `amber|${r.producerOrganisationId}|${[...r.audienceOrganisationIds].sort().join(',')}`;
    case 'red':
      return `red|${r.authorUserId ?? ''}|${[...r.audienceUserIds].sort().join(',')}`;
  }
}
