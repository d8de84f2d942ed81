/**
 * Makes a Plot figure one accessible image: Plot labels each mark's <g> with aria-label,
 * which axe reports (aria-prohibited-attr); the figure gets one description instead.
 */
export function asAccessibleImage(svg: Element, description: string): Element {
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  if (svg.tagName.toLowerCase() === 'svg') {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', description);
    svg.setAttribute('focusable', 'false');
  } else {
    // Plot wraps a chart and its legend in <figure>: describe the whole, hide the parts.
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', description);
    for (const inner of svg.querySelectorAll('svg')) inner.setAttribute('aria-hidden', 'true');
  }
  return svg;
}
