// The `ipv4` format: only IPv4 addresses, wherever they stand on a line, read from the line's bytes
// by scanIPv4 without any pattern matching. The fast path for firewall and flow logs (never chosen by
// detection: it ignores domains, URLs and hashes).
import { formatIPv4 } from '../../platform/net/ip-parse.ts';
import { scanIPv4 } from './scan-ipv4.ts';
import type { LineExtractor } from './extract-formats.ts';

export function createIPv4Extractor(): LineExtractor {
  let bytes = Buffer.allocUnsafe(1 << 16);
  const addresses = new Uint32Array(256);
  const where = new Int32Array(256);
  return {
    format: 'ipv4',
    extract(line, sink) {
      if (line.length * 3 > bytes.length) {
        bytes = Buffer.allocUnsafe(line.length * 3);
      }
      // UTF-8 keeps ASCII as is and turns every other character into bytes ≥ 0x80: never a digit.
      const length = bytes.write(line, 'utf8');
      for (let at = 0; at < length;) {
        const n = scanIPv4(bytes, at, length, addresses, where);
        for (let k = 0; k < n; k += 1) {
          sink.observable('ipv4', formatIPv4(addresses[k]!), undefined, where[k]);
        }
        at = n < addresses.length ? length : where[n - 1]! + 7;
      }
      return 'data';
    },
  };
}
