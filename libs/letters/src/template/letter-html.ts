import { textDirection } from '#rally/core';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]);

// Up to the first space or character that cannot stand unescaped in a URL; trailing punctuation is trimmed below.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"»”’)\]}]$/;

const count = (s: string, c: string): number => s.split(c).length - 1;

/** The URL as written without the punctuation that closes its sentence; a ")" stays when the URL opened one. */
function trimUrl(candidate: string): string {
  let url = candidate;
  while (TRAILING.test(url)) {
    const last = url[url.length - 1];
    if (last === ')' && count(url, '(') >= count(url, ')')) break;
    url = url.slice(0, -1);
  }
  return url;
}

function isWebUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/** One line of text as HTML: everything escaped, web addresses linked. */
function lineHtml(line: string): string {
  let out = '';
  let from = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    if (!isWebUrl(url)) continue;
    out += escape(line.slice(from, match.index)) + `<a href="${escape(url)}" rel="noopener">${escape(url)}</a>`;
    from = match.index + url.length;
  }
  return out + escape(line.slice(from));
}

function languageTag(language: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(language)[0];
  } catch {
    return undefined;
  }
}

/**
 * The HTML part of a letter, made from its plain text and nothing else (never campaigner-authored markup):
 * paragraphs at blank lines, `<br>` at single line breaks, http(s) addresses as links, every character escaped.
 */
export function letterHtml(text: string, language: string, options: { title?: string } = {}): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.replace(/^\n+|\s+$/g, ''))
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.split('\n').map(lineHtml).join('<br>\n')}</p>`);
  const tag = languageTag(language);
  const lang = tag ? ` lang="${escape(tag)}"` : '';
  return [
    '<!doctype html>',
    `<html${lang} dir="${textDirection(tag ?? '')}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    options.title ? `<title>${escape(options.title)}</title>` : '',
    '</head>',
    '<body>',
    ...paragraphs,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}
