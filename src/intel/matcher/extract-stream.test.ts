import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractObservables, type ExtractOptions } from './extract-stream.ts';
import type { Observable } from './extract-classify.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

async function extract(source: AsyncIterable<Uint8Array | string>, options?: ExtractOptions) {
  const { batches, summary } = extractObservables(source, options);
  const all: Observable[] = [];
  for await (const batch of batches) {
    all.push(...batch);
  }
  return { all, summary };
}
const brief = (all: Observable[]) =>
  all.map((o) => `${o.position.line} ${o.position.field ?? ''} ${o.kind} ${o.value}`);

describe('extractObservables on real formats', () => {
  it('reads Suricata EVE: addresses, DNS queries and answers, HTTP host + url, SNI, file digests, mail', async () => {
    const { all, summary } = await extract(
      createReadStream(fixture('suricata-eve.jsonl'), { highWaterMark: 97 }),
    );
    expect(summary).toMatchObject({
      format: 'eve',
      lines: 10,
      dataLines: 9,
      malformedLines: 1,
      invalidValues: 1,
    });
    expect(summary.invalidSamples).toEqual([{ line: 8, field: 'src_ip', value: '192.0.2.999' }]);
    const lines = brief(all);
    expect(lines).toEqual(
      expect.arrayContaining([
        '1 dns.rrname domain c2.evil.example',
        '2 dns.answers[0].rdata domain cdn.evil.example',
        '2 dns.answers[1].rdata ipv4 203.0.113.66',
        '3 src_ip ipv6 2001:db8::10',
        '3 dns.queries[0].rrname domain update.bad.example',
        '4 http.hostname+http.url url http://c2.evil.example/gate.php?id=7',
        '4 http.http_refer url http://landing.bad.example/start',
        '5 tls.sni domain secure.evil.example',
        '6 fileinfo.md5 md5 44d88612fea8a8f36de82e1278abb02f',
        '6 fileinfo.sha256 sha256 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
        '8 dest_ip ipv4 198.51.100.7',
        '10 email.from[0] email phish@bad.example',
        '10 smtp.rcpt_to[0] email victim@example.org',
      ]),
    );
    expect(lines.filter((l) => l.startsWith('7 '))).toEqual([
      '7 src_ip ipv4 192.0.2.10',
      '7 dest_ip ipv4 203.0.113.66',
    ]);
    expect(all.find((o) => o.position.line === 4)?.position.offset).toBe(
      readFileSync(fixture('suricata-eve.jsonl'), 'utf8').split('\n').slice(0, 3).join('\n').length + 1,
    );
  });

  it('reads Zeek TSV logs with their header: typed address columns, strings, host + uri', async () => {
    const http = await extract(createReadStream(fixture('zeek-http.log'), { highWaterMark: 64 }));
    expect(http.summary).toMatchObject({
      format: 'zeek',
      dataLines: 3,
      otherLines: 9,
      malformedLines: 1,
      invalidValues: 1,
    });
    expect(brief(http.all)).toEqual([
      '9 id.orig_h ipv4 192.0.2.10',
      '9 id.resp_h ipv4 203.0.113.66',
      '9 host domain c2.evil.example',
      '9 host+uri url http://c2.evil.example/gate.php?id=7',
      '10 id.orig_h ipv6 2001:db8::10',
      '10 id.resp_h ipv6 2001:db8:ffff::66',
      '10 host ipv6 2001:db8:ffff::66',
      '10 referrer url http://landing.bad.example/start',
      '10 host+uri url http://[2001:db8:ffff::66]/x',
      '12 id.resp_h ipv4 203.0.113.67',
      '12 host domain secure.evil.example',
      '12 host+uri url http://secure.evil.example/',
    ]);
    const dns = await extract(createReadStream(fixture('zeek-dns.log')));
    expect(brief(dns.all).slice(2)).toEqual([
      '8 query domain c2.evil.example',
      '8 answers domain cdn.evil.example',
      '8 answers ipv4 203.0.113.66',
    ]);
  });

  it('reads CSV with a header, scanning free-text fields and counting an unclosed quote', async () => {
    const { all, summary } = await extract(createReadStream(fixture('feed.csv')));
    expect(summary).toMatchObject({ format: 'csv', dataLines: 4, otherLines: 1, malformedLines: 1 });
    expect(brief(all)).toEqual([
      '2 indicator ipv4 203.0.113.66',
      '3 indicator domain c2.evil.example',
      '4 indicator md5 44d88612fea8a8f36de82e1278abb02f',
      '4 comment url http://landing.bad.example/start',
      '4 comment domain landing.bad.example',
      '6 indicator ipv6 2001:db8:ffff::66',
    ]);
  });

  it('reads JSON lines by path and counts a line that is not JSON', async () => {
    const { all, summary } = await extract(createReadStream(fixture('events.jsonl')));
    expect(summary).toMatchObject({ format: 'jsonl', dataLines: 3, malformedLines: 1 });
    expect(brief(all)).toEqual([
      '1 client.ip ipv4 192.0.2.10',
      '1 request url http://c2.evil.example/gate.php',
      '1 request domain c2.evil.example',
      '2 client.ip ipv6 2001:db8::10',
      '2 dns.query domain update.bad.example',
      '4 message email phish@bad.example',
      '4 message domain bad.example',
      '4 message sha1 3395856ce81f2b7382dee72602f798b642f14140',
    ]);
  });

  it('reads defanged free text and leaves times, versions and file names alone', async () => {
    const { all, summary } = await extract(createReadStream(fixture('analyst-notes.txt')));
    expect(summary.format).toBe('text');
    expect(all.map((o) => `${o.kind} ${o.value}`)).toEqual([
      'url http://c2.evil.example/gate.php',
      'domain c2.evil.example',
      'ipv4 203.0.113.66',
      'ipv6 2001:db8:ffff::66',
      'url https://cdn.evil.example/dl/setup.exe',
      'domain cdn.evil.example',
      'md5 44d88612fea8a8f36de82e1278abb02f',
      'email phish@bad.example',
      'domain bad.example',
    ]);
  });
});

describe('extractObservables on bad and awkward input', () => {
  it('skips an overlong line to its end, counts it, and goes on', async () => {
    const input = ['192.0.2.1', 'x'.repeat(5000) + ' 192.0.2.2', '192.0.2.3'].join('\n');
    const { all, summary } = await extract(Readable.from([input]), { format: 'text', maxLineBytes: 1000 });
    expect(all.map((o) => o.value)).toEqual(['192.0.2.1', '192.0.2.3']);
    expect(all.map((o) => o.position.line)).toEqual([1, 3]);
    expect(summary).toMatchObject({ lines: 3, malformedLines: 1, overlongLines: 1 });
  });

  it('accepts CRLF, a last line without newline, blank lines and empty input', async () => {
    const { all, summary } = await extract(Readable.from(['192.0.2.1\r\n\r\n', '198.51.100.2']));
    expect(all.map((o) => `${o.position.line} ${o.value}`)).toEqual(['1 192.0.2.1', '3 198.51.100.2']);
    expect(summary).toMatchObject({ lines: 3, otherLines: 1, dataLines: 2 });
    expect((await extract(Readable.from([]))).summary).toMatchObject({ format: 'text', lines: 0 });
  });

  it('counts a truncated EVE file (cut inside a JSON object) as one malformed line', async () => {
    const text = readFileSync(fixture('suricata-eve.jsonl'), 'utf8');
    const { summary } = await extract(Readable.from([text.slice(0, text.indexOf('"tls"'))]));
    expect(summary).toMatchObject({ format: 'eve', dataLines: 4, malformedLines: 1 });
  });

  it('respects a format given explicitly', async () => {
    const { summary, all } = await extract(Readable.from(['a,b\n192.0.2.1,x\n']), { format: 'text' });
    expect(summary.format).toBe('text');
    expect(all.map((o) => o.value)).toEqual(['192.0.2.1']);
  });

  it('finds the same observables however the bytes are chunked (multi-byte characters included)', async () => {
    const text = `${readFileSync(fixture('suricata-eve.jsonl'), 'utf8')}{"event_type":"dns","src_ip":"192.0.2.1","dns":{"rrname":"bücher.example"}}\n`;
    const bytes = Buffer.from(text);
    const whole = brief((await extract(Readable.from([bytes]))).all);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length }), { maxLength: 30 }),
        async (cuts) => {
          const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
          expect(brief((await extract(Readable.from(chunks))).all)).toEqual(whole);
        },
      ),
      { seed, numRuns: 60 },
    );
  });

  it('streams a large input in bounded batches', async () => {
    const lines = 200_000;
    async function* generate() {
      for (let i = 0; i < lines; i += 1000) {
        yield (
          Array.from(
            { length: 1000 },
            (_, k) => `conn from 10.${(i + k) >> 16}.${((i + k) >> 8) & 255}.${(i + k) & 255} ok`,
          ).join('\n') + '\n'
        );
      }
    }
    const { batches, summary } = extractObservables(generate());
    let biggest = 0;
    let count = 0;
    for await (const batch of batches) {
      biggest = Math.max(biggest, batch.length);
      count += batch.length;
    }
    expect(count).toBe(lines);
    expect(biggest).toBeLessThanOrEqual(1000 + 20);
    expect(summary).toMatchObject({ format: 'text', lines, malformedLines: 0 });
  });
});
