// Figures drawn in the browser as plain objects, then patched into the SVG already on the page.
//
// The charts build SVG through a handful of DOM calls (createElementNS, setAttribute, append, textContent). Real
// SVG elements are slow to make: a <text> with its x and y costs microseconds, and a widget's redraw makes a few
// hundred of them, most identical to the ones already shown (labels, legends, axes). So the runtime hands the charts
// `virtualDocument`, whose elements are plain objects, and `patchFigure` then changes on the page only what differs:
// a heatmap's new colours are a dozen `d` attributes, not a new figure. The server draws the first figures the same
// way and writes their `outerHTML`, so the browser's first patch finds the nodes it expects; the markup a patch
// leaves is the markup a fresh drawing gives (tested).

/** An element as the charts build it: a tag, attributes in the order set, children. */
export class VirtualElement {
  readonly attributes = new Map<string, string>();
  childNodes: (VirtualElement | string)[] = [];

  constructor(
    readonly namespaceURI: string,
    readonly tagName: string,
  ) {}

  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name, String(value));
  }

  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  append(...nodes: (VirtualElement | string)[]): void {
    this.childNodes.push(...nodes);
  }

  appendChild<T extends VirtualElement>(node: T): T {
    this.childNodes.push(node);
    return node;
  }

  get textContent(): string {
    return this.childNodes.map((child) => (typeof child === 'string' ? child : child.textContent)).join('');
  }

  set textContent(text: string) {
    this.childNodes = text === '' ? [] : [String(text)];
  }

  /** The element's markup, attributes in the order they were set (as a browser serializes it). */
  get outerHTML(): string {
    let markup = `<${this.tagName}`;
    for (const [name, value] of this.attributes) markup += ` ${name}="${escapeText(value).replaceAll('"', '&quot;')}"`;
    markup += '>';
    for (const child of this.childNodes) markup += typeof child === 'string' ? escapeText(child) : child.outerHTML;
    return `${markup}</${this.tagName}>`;
  }

  /** Descendants matching a list of tag names and `[attribute]` tests, e.g. "svg" or "[aria-label], [role]". */
  querySelectorAll(selectors: string): VirtualElement[] {
    const tests = selectors.split(',').map((s) => s.trim());
    const matches = (el: VirtualElement): boolean =>
      tests.some((test) => {
        const attribute = /^\[([\w-]+)\]$/.exec(test);
        if (attribute) return el.attributes.has(attribute[1] ?? '');
        if (/^[\w-]+$/.test(test)) return el.tagName === test;
        throw new Error(`virtual SVG: unsupported selector ${test}`);
      });
    const found: VirtualElement[] = [];
    const walk = (el: VirtualElement): void => {
      for (const child of el.childNodes) {
        if (typeof child === 'string') continue;
        if (matches(child)) found.push(child);
        walk(child);
      }
    };
    walk(this);
    return found;
  }
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The document the charts draw into in the browser (only createElementNS is called on it). */
export const virtualDocument = {
  createElementNS: (namespace: string, tag: string) => new VirtualElement(namespace, tag),
} as unknown as Document;

/** Whether a real element has exactly these attribute names, in this order (then patching keeps its markup). */
function sameAttributeNames(real: Element, wanted: VirtualElement): boolean {
  const { attributes } = real;
  if (attributes.length !== wanted.attributes.size) return false;
  let i = 0;
  for (const name of wanted.attributes.keys()) {
    if (attributes[i]?.name !== name) return false;
    i++;
  }
  return true;
}

/** A real element for a virtual one (and its children). */
function materialize(node: VirtualElement | string, doc: Document): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const el = doc.createElementNS(node.namespaceURI, node.tagName);
  for (const [name, value] of node.attributes) el.setAttribute(name, value);
  for (const child of node.childNodes) el.append(materialize(child, doc));
  return el;
}

/** Whether two virtual elements have the same tag and attribute names in the same order. */
function sameShape(a: VirtualElement, b: VirtualElement): boolean {
  if (a.tagName !== b.tagName || a.namespaceURI !== b.namespaceURI || a.attributes.size !== b.attributes.size) return false;
  const names = b.attributes.keys();
  for (const name of a.attributes.keys()) if (names.next().value !== name) return false;
  return true;
}

type Nodes = readonly (VirtualElement | string)[];

/**
 * Makes `real`'s children those of `wanted`, reusing every node of the same shape. With `shown` (the drawing the
 * children were made from) the two drawings are compared in JavaScript and the DOM is only written where they
 * differ; without it (the server's markup) the nodes on the page are read and compared.
 */
function patchChildren(real: Element, wanted: Nodes, shown: Nodes | null, doc: Document): void {
  let have = real.firstChild;
  for (let i = 0; i < wanted.length; i++) {
    const want = wanted[i]!;
    const was = shown?.[i];
    const next = have?.nextSibling ?? null;
    if (typeof want === 'string' && have && (shown ? typeof was === 'string' : have.nodeType === 3)) {
      if ((shown ? was : (have as Text).data) !== want) (have as Text).data = want;
    } else if (
      typeof want !== 'string' &&
      have &&
      (shown
        ? was instanceof VirtualElement && sameShape(was, want)
        : have.nodeType === 1 &&
          (have as Element).namespaceURI === want.namespaceURI &&
          (have as Element).localName === want.tagName &&
          sameAttributeNames(have as Element, want))
    ) {
      if (want !== was) {
        const el = have as Element;
        const old = was instanceof VirtualElement ? was : null;
        for (const [name, value] of want.attributes) if ((old ? old.attributes.get(name) : el.getAttribute(name)) !== value) el.setAttribute(name, value);
        patchChildren(el, want.childNodes, old?.childNodes ?? null, doc);
      }
    } else if (have) {
      real.replaceChild(materialize(want, doc), have);
    } else {
      real.append(materialize(want, doc));
    }
    have = next;
  }
  // Nodes past the wanted ones go.
  while (have) {
    const next: ChildNode | null = have.nextSibling;
    have.remove();
    have = next;
  }
}

/**
 * Makes the box hold the figure: the nodes already there are kept and changed where they differ. `shown` is the
 * virtual drawing the box was last patched with, if any (then nothing is read back from the DOM); without it (the
 * server's markup) the box's nodes are compared with the figure.
 */
export function patchFigure(box: Element, figure: VirtualElement, shown?: VirtualElement): void {
  patchChildren(box, [figure], shown ? [shown] : null, box.ownerDocument);
}
