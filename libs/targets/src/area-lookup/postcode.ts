/** Upper case without spaces or dashes: "sw1a 1aa" and "SW1A-1AA" are one postcode, as are their prefixes. */
export const normalisePostcode = (postcode: string): string => postcode.replace(/[\s-]+/g, '').toUpperCase();

/** What a stored prefix may hold once normalised: letters and digits (no postcode system uses more). */
export const POSTCODE_PREFIX = /^[A-Z0-9]{1,12}$/;

// Postcodes are at most 10 characters once normalised (Brazil's CEP is 8, the UK's 7); a longer text is not one.
const MAX_POSTCODE = 12;

/** Every prefix of a normalised postcode, longest first: the area lookup takes the longest one it knows. */
export function postcodePrefixes(postcode: string): string[] {
  const normalised = normalisePostcode(postcode).slice(0, MAX_POSTCODE);
  return Array.from({ length: normalised.length }, (_, i) => normalised.slice(0, normalised.length - i));
}
