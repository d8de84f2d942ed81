/** Puts `text` on the clipboard; where the API is missing or refused, shows it in a prompt to copy by hand. */
export async function copyText(text: string, promptLabel = 'Copy'): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the manual path
  }
  window.prompt(promptLabel, text);
  return false;
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
/** Shows a short status message in the page's live region. */
export function toast(message: string): void {
  const box = document.querySelector<HTMLElement>('[data-toast]');
  if (!box) return;
  box.textContent = message;
  box.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('visible'), 2200);
}

/** Copies `url` and tells the reader, in the page's language, whether it worked. */
export async function copyLink(url: string): Promise<void> {
  const root = document.documentElement;
  const ok = await copyText(url, root.dataset.msgCopyFailed ?? 'Copy this link');
  if (ok) toast(root.dataset.msgCopied ?? 'Link copied');
}
