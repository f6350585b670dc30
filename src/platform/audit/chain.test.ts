import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  GENESIS_HASH,
  hashEntry,
  verifyChain,
  type AuditEntry,
  type ChainedEntry,
} from './chain.ts';

function buildChain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const entry: AuditEntry = {
      seq,
      at: `2026-11-22T10:00:0${seq % 10}.000Z`,
      actorUserId: 'u1',
      actorOrganisationId: null,
      action: 'thing.change',
      resourceType: 'thing',
      resourceId: String(seq),
      summary: { n: seq, nested: { b: 1, a: [2, 1] } },
      requestId: null,
    };
    const hash = hashEntry(prev, entry);
    out.push({ ...entry, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its head', async () => {
    const chain = buildChain(5);
    await expect(verifyChain(chain)).resolves.toEqual({ ok: true, entries: 5, head: chain[4]?.hash });
  });

  it('names a modified entry', async () => {
    const chain = buildChain(5);
    chain[2] = { ...chain[2]!, summary: { n: 999 } };
    const verdict = await verifyChain(chain);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 3 });
    expect(verdict.ok === false && verdict.reason).toMatch(/modified/);
  });

  it('names the entry after a deleted one', async () => {
    const chain = buildChain(5);
    chain.splice(1, 1);
    await expect(verifyChain(chain)).resolves.toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects two entries swapped even when their seq numbers are swapped too', async () => {
    const chain = buildChain(5);
    const a = chain[1]!;
    const b = chain[2]!;
    chain[1] = { ...b, seq: 2 };
    chain[2] = { ...a, seq: 3 };
    await expect(verifyChain(chain)).resolves.toMatchObject({ ok: false, brokenAt: 2 });
  });
});
