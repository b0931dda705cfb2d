import sanitizeHtml from 'sanitize-html';

/**
 * CSS values that can fetch, run or escape: url() loads remote images (tracking pixels), expression() ran script in
 * old IE, backslash escapes and comments hide either from a filter, @import and behavior load more.
 */
const SAFE_CSS_VALUE =
  /^(?!.*(url\s*\(|expression|javascript|vbscript|behavior|-moz-binding|@import|\\|\/\*|image-set))[^<>]*$/i;

/** Layout and type properties mail clients use; positioning that could cover the console's frame is left out. */
const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-align',
  'text-decoration',
  'text-indent',
  'text-transform',
  'line-height',
  'letter-spacing',
  'white-space',
  'vertical-align',
  'direction',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-color',
  'border-style',
  'border-width',
  'border-collapse',
  'border-spacing',
  'width',
  'max-width',
  'min-width',
  'height',
  'list-style-type',
  'display',
];

/**
 * The HTML of inbound mail as stored: an allowlist of tags and attributes (no script, style, form, frame or object
 * elements, no on* handlers), links only to http(s), mailto and tel, every remote image blocked (its src removed, so
 * opening a reply tells no sender it was read) and `cid:` images pointed at Rally's own copy of the attachment.
 * The console still shows it in a sandboxed frame under a strict CSP: this is the first of two walls.
 */
export function sanitiseHtml(html: string, cidUrl: (contentId: string) => string | null): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
      'img',
      'font',
      'center',
      'span',
      'u',
      's',
      'strike',
    ],
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      '*': ['style', 'dir', 'lang', 'align', 'title', 'class'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'face', 'size'],
      table: ['width', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
      td: ['colspan', 'rowspan', 'width', 'valign', 'bgcolor'],
      th: ['colspan', 'rowspan', 'width', 'valign', 'bgcolor'],
      ol: ['start', 'type'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_CSS_VALUE]])) },
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim();
        const cid = /^cid:(.+)$/i.exec(src);
        const local = cid ? cidUrl(decodeURIComponent(cid[1]!).replace(/^<|>$/g, '')) : null;
        // A relative /api/ path passes the scheme check; every other source (remote, data:) is emptied.
        return { tagName, attribs: { ...attribs, src: local ?? '' } };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src && !frame.attribs.alt,
  });
}
