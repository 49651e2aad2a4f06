// Text into HTML: every value is escaped, and any secret of the run inside it is blanked first.

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export type Escape = (value: string | number | undefined) => string;

export const MASK = '••••••';

/**
 * An escaper for one page. Rendering never prints a secret on purpose; blanking inside every text
 * value guards against one quoted in an error message, without touching the page's own markup.
 */
export function escaper(secrets: readonly string[] = []): Escape {
  // Longest first, so a secret that contains another is blanked whole.
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (value) => {
    let text = value === undefined ? '' : String(value);
    for (const s of list) text = text.split(s).join(MASK);
    return text.replace(/[&<>"']/g, (c) => ESC[c]);
  };
}
