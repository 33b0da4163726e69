import { LOCALES, type Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';

/**
 * The portal's HTML, written on the server (the one part of migov rendered there): plain
 * documents that work without JavaScript, print, and are read by search engines. Every value
 * that comes from data goes through `esc`; the markup itself is this module's.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A trusted fragment of markup, so that `html` never escapes it twice. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

const render = (part: Part): string =>
  part === null || part === undefined || part === false
    ? ''
    : part instanceof Html
      ? part.value
      : Array.isArray(part)
        ? part.map(render).join('')
        : esc(part);

/** A template tag: interpolated values are escaped unless they are `Html`. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** A page's URL in a language: the language is part of the URL, so each has its own canonical. */
export const pageUrl = (base: string, path: string, locale: Locale): string =>
  `${base}${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;

export interface Page {
  locale: Locale;
  /** The absolute base (PUBLIC_BASE_URL), never the request's Host. */
  base: string;
  /** The page's path, e.g. `/profiles/KEN/2026`. */
  path: string;
  title: string;
  description: string;
  body: Html;
}

const tr = (locale: Locale, key: string, values?: Record<string, unknown>) => t(locale, key, values as never);

function head(page: Page): Html {
  const alternates = LOCALES.map(
    (l) => html`<link rel="alternate" hreflang="${l}" href="${pageUrl(page.base, page.path, l)}">`,
  );
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<meta name="description" content="${page.description}">
<link rel="canonical" href="${pageUrl(page.base, page.path, page.locale)}">
${alternates}
<link rel="alternate" hreflang="x-default" href="${pageUrl(page.base, page.path, 'en')}">
<link rel="stylesheet" href="/profiles/portal.css">
</head>`;
}

function header(page: Page): Html {
  const names: Record<Locale, string> = { en: 'English', fr: 'Français', es: 'Español' };
  const links = LOCALES.map((l) =>
    l === page.locale
      ? html`<li><a href="${pageUrl('', page.path, l)}" hreflang="${l}" lang="${l}" aria-current="true">${names[l]}</a></li>`
      : html`<li><a href="${pageUrl('', page.path, l)}" hreflang="${l}" lang="${l}">${names[l]}</a></li>`,
  );
  return html`<a class="skip" href="#main">${tr(page.locale, 'portal.skip')}</a>
<header class="site">
<p class="brand"><a href="${pageUrl('', '/profiles/', page.locale)}">${tr(page.locale, 'portal.title')}</a></p>
<nav aria-label="${tr(page.locale, 'portal.languages')}"><ul class="languages">${links}</ul></nav>
</header>`;
}

/** The whole document of a page. */
export function document(page: Page): string {
  return `<!doctype html>\n${html`<html lang="${page.locale}">
${head(page)}
<body>
${header(page)}
<main id="main">
${page.body}
</main>
<footer class="site"><p><a href="${pageUrl('', '/profiles/', page.locale)}">${tr(page.locale, 'portal.home')}</a> · <a href="${pageUrl('', '/profiles/sdg-10-7-2', page.locale)}">${tr(page.locale, 'portal.sdgLink')}</a></p></footer>
</body>
</html>`}\n`;
}

export { tr };
