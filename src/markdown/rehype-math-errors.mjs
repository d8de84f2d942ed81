// Fails the build on a formula KaTeX cannot render. rehype-katex catches KaTeX's error, records it as a warning on
// the file and draws the formula's source in red (`.katex-error`), whatever `throwOnError` says: the page would ship.
/** @returns {(tree: import('hast').Root, file: import('vfile').VFile) => void} */
export default function rehypeMathErrors() {
  return (_tree, file) => {
    const error = file.messages.find((message) => message.source === 'rehype-katex');
    if (error) file.fail(`${error.reason}: ${error.cause instanceof Error ? error.cause.message : String(error.cause)}`, error.place);
  };
}
