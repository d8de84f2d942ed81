// The page's first script, a classic blocking one in <head>: it runs before the first paint (the browser draws nothing
// until <head> is parsed), so the page never flashes the wrong theme. It is a file, not inline, so the site's
// Content-Security-Policy needs no hashes (src/csp/policy.mjs).
(function () {
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem('theme'); } catch (e) {}
  var dark = stored ? stored === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  root.dataset.theme = dark ? 'dark' : 'light';

  // On a phone the contents (src/components/Toc.astro) sit above the article: fold them as soon as the parser has
  // made them, before they are first drawn, so the article never moves (folding them later was a layout shift).
  // Mutation records are delivered before the browser renders again. Without JS the contents stay open.
  if (!matchMedia('(max-width: 63.99rem)').matches || typeof MutationObserver !== 'function') return;
  var observer = new MutationObserver(function () {
    var contents = document.querySelector('[data-toc-details]');
    if (contents) contents.open = false;
    if (contents || document.querySelector('main')) observer.disconnect(); // folded, or a page without contents
  });
  observer.observe(root, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', function () { observer.disconnect(); });
})();
