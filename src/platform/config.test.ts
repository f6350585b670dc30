import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('ACCORD_OUTBOUND_ALLOW', () => {
  it('allows nothing by default and reads a comma-separated list of ranges', () => {
    expect(loadConfig({}).outboundAllow).toEqual([]);
    expect(
      loadConfig({ ACCORD_OUTBOUND_ALLOW: ' 127.0.0.1/32, 10.0.0.0/8 ,fd00::/8,' }).outboundAllow,
    ).toEqual(['127.0.0.1/32', '10.0.0.0/8', 'fd00::/8']);
  });

  it('stops on an entry that is not a range instead of guessing what was meant', () => {
    expect(() => loadConfig({ ACCORD_OUTBOUND_ALLOW: '127.0.0.1/32,localhost' })).toThrow(
      /ACCORD_OUTBOUND_ALLOW: "localhost" is not an IPv4 or IPv6 range/,
    );
    expect(() => loadConfig({ ACCORD_OUTBOUND_ALLOW: '10.0.0.0/33' })).toThrow(/10\.0\.0\.0\/33/);
  });
});
