import { describe, expect, it } from 'vitest';
import { linear, niceTicks } from './chart-scale.ts';

describe('chart scale', () => {
  it('maps linearly and survives an empty chart', () => {
    expect(linear(200, 100)(50)).toBe(25);
    expect(linear(0, 100)(0)).toBe(0);
  });
  it('picks round ticks that cover the maximum', () => {
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(1200)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0)).toEqual([0]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(2, 4, true)).toEqual([0, 1, 2]);
  });
});
