import { DomUtils, parseDocument } from 'htmlparser2';
import { stripQuotedText } from './reply-text.js';

type HtmlDocument = ReturnType<typeof parseDocument>;
type HtmlNode = HtmlDocument['children'][number];
type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'table',
  'tr',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'hr',
  'address',
  'blockquote',
  'center',
]);
const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg', 'object', 'iframe']);

const isElement = (node: HtmlNode): node is HtmlElement & HtmlNode => 'attribs' in node;
const classes = (el: HtmlElement): string[] => (DomUtils.getAttributeValue(el, 'class') ?? '').split(/\s+/);
const attr = (el: HtmlElement, name: string): string => (DomUtils.getAttributeValue(el, name) ?? '').toLowerCase();

/**
 * Where a client's quoted letter starts, with everything after it: Outlook's header block (`divRplyFwdMsg`, the
 * bordered div inside `WordSection1`, `OutlookMessageHeader`, `appendonsend`), Thunderbird's forward container.
 */
function startsQuotedTail(el: HtmlElement): boolean {
  const id = attr(el, 'id');
  if (id === 'divrplyfwdmsg' || id === 'appendonsend' || id === 'stopspelling') return true;
  const cls = classes(el);
  if (cls.includes('OutlookMessageHeader') || cls.includes('moz-forward-container')) return true;
  // Outlook desktop: <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p>From: ...
  if (
    el.name === 'div' &&
    /border-top:\s*solid\s+#(e1e1e1|b5c4df)/i.test(DomUtils.getAttributeValue(el, 'style') ?? '')
  )
    return /(from|de|von|da)\s*:/i.test(DomUtils.textContent(el).slice(0, 200));
  return false;
}

/**
 * Quote containers removed on their own: what is written between two of them is an inline answer and stays. Every
 * blockquote counts (Apple Mail's type=cite, Gmail's gmail_quote, and the plain ones webmails write); Gmail's outer
 * div.gmail_quote is not removed whole, since an inline answer is written inside it, only its attribution.
 */
function isQuote(el: HtmlElement): boolean {
  const cls = classes(el);
  if (el.name === 'blockquote') return true;
  return cls.includes('gmail_attr') || cls.includes('moz-cite-prefix') || cls.includes('yahoo_quoted');
}

/** Removes `from` and every node after it in document order. */
function cutFrom(from: HtmlNode): void {
  let node: HtmlNode | null = from;
  while (node) {
    while (node.next) DomUtils.removeElement(node.next);
    const parent: HtmlNode | null = (node.parent as HtmlNode | null) ?? null;
    if (node === from) DomUtils.removeElement(node);
    node = parent && parent.type !== 'root' ? parent : null;
  }
}

function render(nodes: readonly HtmlNode[], out: string[], quoteDepth: number): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(node.data.replace(/\s+/g, ' '));
    } else if (isElement(node)) {
      const name = node.name.toLowerCase();
      if (SKIP.has(name)) continue;
      if (name === 'br') {
        out.push(`\n${'> '.repeat(quoteDepth)}`);
        continue;
      }
      const block = BLOCK.has(name);
      const depth = name === 'blockquote' ? quoteDepth + 1 : quoteDepth;
      if (block) out.push(`\n${'> '.repeat(depth)}`);
      if (name === 'td' || name === 'th') out.push(' ');
      render(node.children as HtmlNode[], out, depth);
      if (block) out.push(`\n${'> '.repeat(quoteDepth)}`);
    }
  }
}

/** Text a person reads from HTML: blocks and breaks as lines, blockquotes as `> ` lines, entities decoded. */
export function htmlToText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  return textOfNodes(doc.children);
}

function textOfNodes(nodes: readonly HtmlNode[]): string {
  const out: string[] = [];
  render(nodes, out, 0);
  return out
    .join('')
    .split('\n')
    .map((l) =>
      l
        .replace(/[ \t\u00a0]+/g, ' ')
        .replace(/^(>\s?)*\s*$/, (m) => (m.includes('>') ? '>' : ''))
        .trim(),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Markers of a client's quote in HTML: when present, the HTML says better than the text part where quotes are. */
export const HTML_QUOTE_MARKERS =
  /gmail_quote|divRplyFwdMsg|moz-cite-prefix|type=["']?cite|WordSection1|OutlookMessageHeader|appendonsend|yahoo_quoted/i;

/** The answer without the quoted letter, from HTML: quote containers cut, then the text rules. */
export function replyTextFromHtml(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  const tail = DomUtils.findOne(startsQuotedTail, doc.children, true);
  if (tail) cutFrom(tail);
  // Innermost first is not needed: removing an outer quote removes what it holds.
  for (const quote of DomUtils.findAll(isQuote, doc.children)) if (quote.parent) DomUtils.removeElement(quote);
  return stripQuotedText(textOfNodes(doc.children));
}
