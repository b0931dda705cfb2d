/**
 * The answer without the quoted letter, from a plain-text body (the rules email-reply-parser made common):
 * - `>` lines are quotes and go; text between them is an inline answer and stays;
 * - an attribution ("On ... wrote:", "Le ... a écrit :", "Am ... schrieb ...:", "El ... escribió:") goes; when no `>`
 *   lines follow it, the quoted letter follows unmarked and everything from it goes;
 * - Outlook's header block (From: / Sent: / To: / Subject:, in English, French, German or Spanish) and
 *   "-----Original Message-----" separators start the quoted letter: everything from them goes.
 */
const ATTRIBUTION =
  /^\s*(on|le|am|el)\s.{4,300}?\s(wrote|a écrit|a ecrit|schrieb|escribió|escribio)(?![\p{L}])[^:\n]{0,80}:?\s*$/iu;
const ATTRIBUTION_START = /^\s*(on|le|am|el)\s.{4,}/i;
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(original message|message d'origine|ursprüngliche nachricht|mensaje original|forwarded message|message transféré|weitergeleitete nachricht|mensaje reenviado)\s*-{2,}\s*$/i;
const HEADER_FROM = /^\s*\*?(from|de|von)\s*:\*?\s+\S/i;
const HEADER_SENT = /^\s*\*?(sent|date|envoyé|envoye|gesendet|datum|enviado|fecha)\s*:\*?\s+\S/i;
const HEADER_SUBJECT = /^\s*\*?(subject|objet|betreff|asunto)\s*:\*?/i;
const HEADER_TO = /^\s*\*?(to|à|a|an|para)\s*:\*?/i;
const SEPARATOR = /^\s*_{10,}\s*$/;

/** An Outlook header block starting at `i`: From, then Sent/Date and Subject within the next few lines. */
function isHeaderBlock(lines: string[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i]!)) return false;
  const next = lines.slice(i + 1, i + 7);
  return next.some((l) => HEADER_SENT.test(l)) && next.some((l) => HEADER_SUBJECT.test(l) || HEADER_TO.test(l));
}

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (ORIGINAL_MESSAGE.test(line) || isHeaderBlock(lines, i)) {
      while (kept.length > 0 && (SEPARATOR.test(kept[kept.length - 1]!) || kept[kept.length - 1]!.trim() === ''))
        kept.pop();
      break;
    }
    if (SEPARATOR.test(line) && i + 1 < lines.length && isHeaderBlock(lines, i + 1)) break;
    // Gmail wraps a long attribution over two lines: "On Mon, ... Minister <" / "minister@example.gov> wrote:".
    const joined = ATTRIBUTION_START.test(line) && i + 1 < lines.length ? `${line} ${lines[i + 1]}` : null;
    const attribution = ATTRIBUTION.test(line) ? 1 : joined !== null && ATTRIBUTION.test(joined) ? 2 : 0;
    if (attribution > 0) {
      const rest = lines.slice(i + attribution).find((l) => l.trim() !== '');
      if (rest === undefined || !rest.trimStart().startsWith('>')) break;
      i += attribution - 1;
      continue;
    }
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
