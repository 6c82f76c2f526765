// The one sanitizer for HTML bodies of e-mail (the panel's .eml preview, the mail ingester).
// Mail HTML is hostile by default: it is rendered only after this allowlist, and then only inside
// a sandboxed frame whose CSP forbids scripts and remote loads — two independent layers.
import sanitizeHtml from 'sanitize-html';

/** Inline images a mail may keep: mailparser turns cid: parts into data: URLs of these types. */
const SAFE_IMAGE_DATA_URL = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small', 'span',
  'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // No style, class, id or on* attributes anywhere: only what the allowlist names.
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Dropped with their content (the rest of a disallowed element keeps only its text).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'svg', 'math', 'iframe', 'object', 'template'],
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' } }),
  },
  // Remote images (tracking pixels) and anything but an inline raster image go entirely.
  exclusiveFilter: (frame) => frame.tag === 'img' && !SAFE_IMAGE_DATA_URL.test(frame.attribs.src ?? ''),
};

/** Sanitized HTML safe to place in a sandboxed frame: no scripts, handlers, styles or remote loads. */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
