// The only widget code a page loads up front: a custom element per widget that fetches the
// real code (model, charts, Plot) when the widget nears the viewport or is first touched.

type Mount = (root: HTMLElement) => void;
type Loader = () => Promise<{ mount: Mount }>;

/** Defines `<tag>` so that its code loads lazily; `tag` is the kebab-case of the widget class. */
export function defineLazyWidget(tag: string, load: Loader): void {
  if (customElements.get(tag)) return;
  customElements.define(
    tag,
    class extends HTMLElement {
      #started = false;
      #observer: IntersectionObserver | undefined;

      connectedCallback(): void {
        const start = () => this.#start();
        // The reader reaches for a control before it scrolled near: load at once.
        for (const type of ['pointerdown', 'focusin', 'keydown'] as const) {
          this.addEventListener(type, start, { once: true, passive: true });
        }
        this.#observer = new IntersectionObserver(
          (entries) => {
            if (entries.some((e) => e.isIntersecting)) start();
          },
          { rootMargin: '200px 0px' },
        );
        this.#observer.observe(this);
        // A shared link that opens on this widget should come alive at once.
        if (location.hash === `#${this.id}` || location.search.length > 1) start();
      }

      disconnectedCallback(): void {
        this.#observer?.disconnect();
      }

      #start(): void {
        if (this.#started) return;
        this.#started = true;
        this.#observer?.disconnect();
        this.dataset.state = 'loading';
        load()
          .then(({ mount }) => {
            mount(this);
            this.dataset.state = 'live';
          })
          .catch((error: unknown) => {
            this.dataset.state = 'error';
            console.error(`widget ${tag} failed to load`, error);
          });
      }
    },
  );
}
