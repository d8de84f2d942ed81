// Browser-side behaviour shared by every page: theme toggle, heading links,
// the table of contents' current heading, and a language switch that keeps the place.
import { copyLink } from './clipboard';
import { FLUSH_EVENT } from './events';

function setupThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const root = document.documentElement;
  const sync = () => button.setAttribute('aria-pressed', String(root.dataset.theme === 'dark'));
  sync();
  button.addEventListener('click', () => {
    const next = root.dataset.theme === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem('theme', next);
    } catch {
      // storage may be blocked; the toggle still works for this page
    }
    sync();
    document.dispatchEvent(new CustomEvent('themechange'));
  });
  // Follow the system while the reader has not chosen.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem('theme');
    } catch {
      stored = null;
    }
    if (stored) return;
    root.dataset.theme = event.matches ? 'dark' : 'light';
    sync();
    document.dispatchEvent(new CustomEvent('themechange'));
  });
}

/** The absolute URL of a place on this page, without the widget query. */
function headingUrl(id: string): string {
  const url = new URL(location.href);
  url.search = '';
  url.hash = id;
  return url.href;
}

function setupHeadingLinks(): void {
  const label = document.documentElement.dataset.msgHeadingLink ?? 'Copy link to this section';
  for (const heading of document.querySelectorAll<HTMLHeadingElement>('.article h2[id], .article h3[id]')) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'heading-link';
    button.textContent = '#';
    button.setAttribute('aria-label', `${label}: ${heading.textContent ?? ''}`);
    button.addEventListener('click', () => {
      history.replaceState(history.state, '', `#${heading.id}`);
      void copyLink(headingUrl(heading.id));
    });
    heading.append(button);
  }
}

function setupTocHighlight(): void {
  const links = new Map<string, HTMLAnchorElement>();
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-toc-link]')) {
    links.set(link.dataset.tocLink ?? '', link);
  }
  const headings = [...document.querySelectorAll<HTMLElement>('.article h2[id], .article h3[id]')];
  if (headings.length === 0 || links.size === 0) return;
  let current = '';
  const update = () => {
    const line = 90;
    let active = headings[0];
    for (const h of headings) {
      if (h.getBoundingClientRect().top <= line) active = h;
      else break;
    }
    const id = active?.id ?? '';
    if (id === current) return;
    links.get(current)?.removeAttribute('aria-current');
    links.get(id)?.setAttribute('aria-current', 'location');
    current = id;
  };
  let queued = false;
  addEventListener('scroll', () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      update();
    });
  }, { passive: true });
  update();
  // Phones start with the contents folded (Toc.astro); the desktop sidebar has no summary to unfold them with.
  const details = document.querySelector<HTMLDetailsElement>('[data-toc-details]');
  matchMedia('(min-width: 64rem)').addEventListener('change', (event) => {
    if (event.matches && details) details.open = true;
  });
}

function setupLangSwitch(): void {
  const link = document.querySelector<HTMLAnchorElement>('[data-lang-switch]');
  if (!link) return;
  const base = link.getAttribute('href') ?? '/';
  // Carry the widget state (query) and the heading (hash) to the other language.
  const sync = () => {
    // Widgets write their state to the URL a moment after an input: ask for it now.
    dispatchEvent(new Event(FLUSH_EVENT));
    link.href = `${base}${location.search}${location.hash}`;
  };
  link.addEventListener('pointerdown', sync);
  link.addEventListener('focus', sync);
  link.addEventListener('click', sync);
  addEventListener('hashchange', sync);
  sync();
}

function setupPrint(): void {
  addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>('.predict details')) d.open = true;
  });
}

/**
 * The phone's "back to the contents" button: hidden near the top and while the reader scrolls down (it would sit
 * over what they read), shown when they scroll back up; it unfolds the contents it leads to.
 */
function setupToContents(): void {
  const button = document.querySelector<HTMLAnchorElement>('[data-to-contents]');
  const contents = document.querySelector<HTMLDetailsElement>('[data-toc-details]');
  if (!button || !contents) return;
  const root = document.documentElement;
  let lastY = scrollY;
  const sync = () => {
    const down = scrollY > lastY;
    if (Math.abs(scrollY - lastY) > 4) lastY = scrollY;
    root.toggleAttribute('data-hide-to-contents', scrollY < innerHeight || down);
  };
  sync();
  addEventListener('scroll', sync, { passive: true });
  button.addEventListener('click', () => {
    contents.open = true;
  });
}

export function startPage(): void {
  setupThemeToggle();
  setupHeadingLinks();
  setupTocHighlight();
  setupLangSwitch();
  setupPrint();
  setupToContents();
}
