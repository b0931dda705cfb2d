/**
 * A public address from a title: accents folded ("Éducation" -> "education"), anything else between words becomes
 * one dash, at most 80 characters (the API's limit) without a dash at either end.
 */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 80)
    .replace(/^-+|-+$/g, '');
}
