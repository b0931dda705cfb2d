/**
 * The identity of a target's address: trimmed and lower case, nothing more. Ministries' addresses are matched as
 * written (no provider alias folding as for supporters): `a.b@` and `ab@` may be two offices of one government.
 */
export const normaliseTargetAddress = (address: string): string => address.trim().toLowerCase();
