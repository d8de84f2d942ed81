import { parseHTML } from 'linkedom';

/** A DOM document for drawing charts outside the browser (build time and tests). */
export function serverDocument(): Document {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return document as unknown as Document; // linkedom implements the parts of Document that Plot uses
}
