/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:38rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}' +
  'h1{font-size:1.4rem}.hint{background:#f3f3f3;padding:.75rem 1rem;border-radius:4px}.code{color:#555;font-size:.9rem}' +
  'button{font-size:1rem;padding:.4rem 1rem}';

export interface PageOptions {
  title: string;
  /** Trusted HTML (built with escapeHtml). */
  body: string;
  /** Scripts to load, deferred: they run in order once <body> (their settings) exists. */
  scripts?: string[];
  /** data-* attributes on <body> for those scripts (CSP forbids inline scripts). */
  data?: Record<string, string>;
}

/** A complete page; no inline script (the CSP forbids it), styles inline. */
export function page({ title, body, scripts = [], data = {} }: PageOptions): string {
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join('');
  const tags = scripts.map((src) => `<script src="${escapeHtml(src)}" defer></script>`).join('');
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style>${tags}</head>` +
    // One <main> landmark holds the content, so screen readers can jump to it (WCAG 1.3.1, axe "region").
    `<body${attributes}><main>${body}</main></body></html>`
  );
}
