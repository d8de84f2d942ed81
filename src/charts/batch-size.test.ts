import { describe, expect, it } from 'vitest';
import { batchSizeChart, batchSizeRows } from './batch-size';
import { serverDocument } from './server-document';
import { asAccessibleImage } from './a11y';
import { VALIDATION_ERROR } from '../data/groupnorm-batch-sizes';

describe('batch-size chart', () => {
  it('has one row per norm and batch size, matching the published table', () => {
    const rows = batchSizeRows();
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.norm === 'BN').map((r) => r.error)).toEqual([...VALIDATION_ERROR.BN]);
    expect(rows.filter((r) => r.norm === 'GN').map((r) => r.error)).toEqual([...VALIDATION_ERROR.GN]);
  });

  it.each(['zh', 'en'] as const)('draws two lines and ten dots in a Node DOM (%s)', (lang) => {
    const svg = batchSizeChart(batchSizeRows(), { width: 640, document: serverDocument(), lang });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.querySelectorAll('path[d]').length).toBeGreaterThanOrEqual(2);
    expect(svg.querySelectorAll('circle')).toHaveLength(10);
    expect(svg.textContent).toContain(lang === 'zh' ? '验证错误率' : 'validation error');
  });

  it('becomes one described image with its marks out of the accessibility tree', () => {
    const svg = asAccessibleImage(batchSizeChart(batchSizeRows(), { width: 400, document: serverDocument(), lang: 'en' }), 'BN vs GN');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('BN vs GN');
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });
});
