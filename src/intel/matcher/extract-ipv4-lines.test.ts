import { describe, expect, it } from 'vitest';
import { extractObservables } from './extract-stream.ts';

async function observe(text: string) {
  const run = extractObservables(
    (async function* () {
      yield Buffer.from(text);
    })(),
    { format: 'ipv4' },
  );
  const found: string[] = [];
  for await (const batch of run.batches) {
    batch.forEach((o) => found.push(`${o.position.line}:${o.value}`));
  }
  return { found, summary: run.summary };
}

describe('the ipv4 format', () => {
  it('reads only IPv4 addresses, with their lines, ignoring domains, versions and bad parts', async () => {
    const { found, summary } = await observe(
      'DENY 203.0.113.7:443 -> 10.0.0.1 host=c2.evil.example\nagent v1.2.3.4.5 from 999.1.1.1 and ü 198.51.100.1\n',
    );
    expect(found).toEqual(['1:203.0.113.7', '1:10.0.0.1', '2:198.51.100.1']);
    expect(summary).toMatchObject({ format: 'ipv4', lines: 2, dataLines: 2, malformedLines: 0 });
  });

  it('finds every address of a line holding more than one scan batch', async () => {
    const addresses = Array.from({ length: 300 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    const { found } = await observe(`${addresses.join(' ')}\n`);
    expect(found).toEqual(addresses.map((a) => `1:${a}`));
  });
});
