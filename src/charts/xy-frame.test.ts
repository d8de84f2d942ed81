import { describe, expect, it } from 'vitest';
import { niceDomain, polyline, xyFrame } from './xy-frame';
import { serverDocument } from './server-document';
import { svgBuilder } from './svg';

describe('xy frame', () => {
  it.each([
    [-0.42, 2.9, 4, [-1, 3]],
    [0, 6.5, 4, [0, 8]],
    [0.73, 2.84, 6, [0.5, 3]],
    [1, 1, 4, [0.5, 1.5]],
  ] as const)('widens [%s, %s] to round ticks (about %i)', (lo, hi, count, domain) => {
    const nice = niceDomain(lo, hi, count);
    expect(nice.domain).toEqual(domain);
    expect(nice.ticks[0]).toBe(domain[0]);
    expect(nice.ticks.at(-1)).toBe(domain[1]);
  });

  it('maps the domains onto the box, y upwards, and labels every tick', () => {
    const el = svgBuilder(serverDocument());
    const frame = xyFrame(
      el,
      { left: 40, top: 10, width: 200, height: 100 },
      { domain: [0, 10], ticks: [0, 5, 10], format: String, label: 'x →' },
      { domain: [-1, 1], ticks: [-1, 0, 1], format: String, label: '↑ y', grid: true },
    );
    expect([frame.x(0), frame.x(10), frame.y(-1), frame.y(1)]).toEqual([40, 240, 110, 10]);
    expect([...frame.g.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['-1', '0', '1', '0', '5', '10', '↑ y', 'x →']);
  });

  it('writes path data through the points', () => {
    expect(polyline([[0, 0], [1.26, 2], [3, 4.04]])).toBe('M0,0L1.3,2L3,4');
  });
});
