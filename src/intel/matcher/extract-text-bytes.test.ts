import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { extractFromText } from './extract-text.ts';
import { TextLineScanner } from './extract-text-bytes.ts';
import { extractObservables } from './extract-stream.ts';
import type { Observable } from './extract-classify.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

/** What the byte scanner finds on one line, as kind, value and column, in its order. */
function scanLine(line: string, padding = 0, after = '.9:@a'): string[] {
  // The line sits inside a larger buffer, as in a chunk: bytes around it must not be read.
  const bytes = Buffer.concat([
    Buffer.from('9.9.9.9@x:'.repeat(padding)),
    Buffer.from(line),
    Buffer.from(after),
  ]);
  const out: Observable[] = [];
  const start = padding * 10;
  new TextLineScanner().scan(bytes, start, bytes.length - after.length, 3, 100, out);
  return out.map((o) => `${o.kind} ${o.value} @${o.position.column}`);
}
const regexLine = (line: string) =>
  line.trim() === '' ? [] : extractFromText(line).map((h) => `${h.kind} ${h.value} @${h.column}`);

// What follows the line in its buffer (the next line, or stale bytes of a scratch copy).
const AFTER = fc.constantFrom('.9:@a', ':1.a', '@a.b', '9', '::1', 'a');

// Fragments that make tokens and near-misses of every kind, glued at random.
const FRAGMENTS = [
  ' ',
  ' ',
  '\t',
  '.',
  '.',
  ':',
  '::',
  '@',
  '/',
  '//',
  '-',
  '_',
  '%',
  '+',
  '=',
  ',',
  ';',
  '"',
  "'",
  '(',
  ')',
  '[',
  ']',
  '<',
  '>',
  '0',
  '1',
  '7',
  '25',
  '255',
  '256',
  '01',
  '192.0.2.1',
  '10.0.0',
  '1.2.3.4.5',
  '999',
  'a',
  'f',
  'x',
  'Z',
  'com',
  'net',
  'example',
  'Evil',
  'xn--',
  'xn--bcher-kva',
  'exe',
  'zip',
  'www',
  'http',
  'https',
  'HTTP',
  'ftp',
  'ws',
  'wss',
  'hxxp',
  '://',
  'http://',
  'https://evil.example/a?b=1',
  'user',
  'a.b',
  'john.doe@corp.example',
  '@x.y',
  'ffff',
  '2001:db8',
  '::ffff:',
  'fe80::1%eth0',
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'abcdef0123456789',
  '[.]',
  '(.)',
  '[dot]',
  '(DOT)',
  'HxXp',
  'xx',
  '[:]',
  '[@]',
  'é',
  'ü',
  '\u00a0',
  '\r',
  '\v',
  'T12:30:45',
  'a'.repeat(64),
];

describe('TextLineScanner against extractFromText', () => {
  it('finds the same observables, values, columns and order on random lines (differential)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }),
        fc.nat(3),
        AFTER,
        (parts, padding, after) => {
          const line = parts.join('');
          expect(scanLine(line, padding, after)).toEqual(regexLine(line));
        },
      ),
      { seed, numRuns: 4000 },
    );
  });

  it('finds the same observables on random printable ASCII (differential)', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefxnABCFX.:@/-_ %+[]()'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), AFTER, (chars, after) => {
        const line = chars.join('');
        expect(scanLine(line, 1, after)).toEqual(regexLine(line));
      }),
      { seed, numRuns: 4000 },
    );
  });

  it.each([
    [
      'a firewall line',
      '2026-11-30T00:00:01.000Z fw01 action=deny src=10.1.2.3:5000 dst=198.51.100.7:443 host=www.evil.example',
    ],
    ['dots before a quad (no address, as the pattern says)', 'v.1.2.3.4 x1.2.3.4y host-1.2.3.4'],
    [
      'URLs, hosts and what follows them',
      'GET https://user@evil.example:8443/a/b.php?q=1, http://[2001:db8::5]/y ws://x.example',
    ],
    ['e-mail addresses, one after another', 'a@b.cc.x@d.ee mail: boss@corp.example. x@@y.example b@c.de'],
    ['an invalid URL leaves its host out', 'http://exa mple.com http://%zz.example/ https://-bad-.example/'],
    [
      'IPv6, mapped IPv4 and look-alikes',
      '::1 ::ffff:198.51.100.9 fe80::1%eth0 2001:db8::1. 12:30:45 00:1a:2b:3c:4d:5e',
    ],
    [
      'digests by length only',
      `${'a'.repeat(32)} ${'b'.repeat(40)}_${'C'.repeat(64)} ${'d'.repeat(56)} x${'e'.repeat(32)}`,
    ],
    ['file names and IDN TLDs', 'setup.exe report.PDF evil.zip bücher.xn--p1ai a.xn--p1ai- a.xn--p_1'],
    [
      'labels at their limits',
      `${'a'.repeat(63)}.com ${'b'.repeat(64)}.com -a.com a-.com a_b.com ${'c'.repeat(64)}.example`,
    ],
    ['defanged, taking the string path', 'hxxps://evil[.]example/x and 198.51.100[.]7 a[@]b[dot]example'],
    ['blank and whitespace only', ' \t \r\v '],
    ['non-ASCII, taking the string path', 'évil.example 192.0.2.1 naïve@exemple.fr'],
  ])('matches extractFromText on %s', (_, line) => {
    expect(scanLine(line, 1)).toEqual(regexLine(line));
  });
  it('reads nothing past the end of the line (a word byte after an address ending the line)', () => {
    for (const line of [
      'mail a@b.example',
      'to 192.0.2.1',
      'at ::1',
      'see http://x.example/a',
      'c2.evil.example',
    ]) {
      expect(scanLine(line, 1, '9x')).toEqual(regexLine(line));
      expect(scanLine(line, 1, '.1:@')).toEqual(regexLine(line));
    }
  });
});

describe('extractObservables --format text from bytes', () => {
  it('gives, over random chunking of random lines (CRLF, blank, multi-byte), what extractFromText gives per line', async () => {
    const line = fc
      .array(fc.constantFrom(...FRAGMENTS, '\r\n', 'ß'), { maxLength: 12 })
      .map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (lines, cuts) => {
          const text = lines.join('\n');
          const bytes = Buffer.from(text);
          const points = [
            0,
            ...[...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b),
            bytes.length,
          ];
          const chunks = points
            .slice(1)
            .map((end, i) => bytes.subarray(points[i], end))
            .filter((c) => c.length > 0);
          const { batches, summary } = extractObservables(Readable.from(chunks), { format: 'text' });
          const got: string[] = [];
          for await (const batch of batches) {
            got.push(
              ...batch.map(
                (o) => `${o.position.line}+${o.position.offset} ${o.kind} ${o.value} @${o.position.column}`,
              ),
            );
          }
          const expected: string[] = [];
          let offset = 0;
          const split = text.split('\n');
          split.forEach((raw, k) => {
            const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
            for (const hit of regexLine(l)) {
              expected.push(`${k + 1}+${offset} ${hit}`);
            }
            offset += Buffer.byteLength(raw) + 1;
          });
          expect(got).toEqual(expected);
          expect(summary.lines).toBe(text === '' ? 0 : text.endsWith('\n') ? split.length - 1 : split.length);
        },
      ),
      { seed, numRuns: 300 },
    );
  });

  it('finds a token cut by a chunk boundary, whatever the cut, with its line and offset', async () => {
    const text = [
      'first 192.0.2.1 and c2.evil.example',
      '',
      'mail phish@bad.example from https://landing.bad.example/x?y=1 sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'last 2001:db8::7 without a newline',
    ].join('\r\n');
    const bytes = Buffer.from(text);
    const brief = (all: Observable[]) =>
      all.map((o) => `${o.position.line}+${o.position.offset}:${o.position.column} ${o.kind} ${o.value}`);
    const read = async (chunks: Buffer[]) => {
      const { batches, summary } = extractObservables(Readable.from(chunks), { format: 'text' });
      const all: Observable[] = [];
      for await (const batch of batches) {
        all.push(...batch);
      }
      return { all: brief(all), summary };
    };
    const whole = await read([bytes]);
    expect(whole.all).toEqual([
      '1+0:6 ipv4 192.0.2.1',
      '1+0:20 domain c2.evil.example',
      '3+39:28 url https://landing.bad.example/x?y=1',
      '3+39:28 domain landing.bad.example',
      '3+39:5 email phish@bad.example',
      '3+39:11 domain bad.example',
      '3+39:67 sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709',
      '4+148:5 ipv6 2001:db8::7',
    ]);
    expect(whole.summary).toMatchObject({ lines: 4, dataLines: 3, otherLines: 1, observables: 8 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 6 }),
        async (cuts) => {
          const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
          expect((await read(chunks)).all).toEqual(whole.all);
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});
