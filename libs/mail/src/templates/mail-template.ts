import type { Catalogue } from '#rally/core';

/** A mail template and, through its type parameter, the exact data it needs. Defined by the feature that sends it. */
export interface MailTemplate<TData extends object> {
  readonly name: string;
  /** Folder holding subject.hbs, html.hbs and text.hbs: markup only, words through `{{t "ns:key"}}`. */
  readonly dir: URL;
  /** The catalogue the template's `t` keys come from (its library's). */
  readonly catalogue?: Catalogue;
  /** Phantom field: carries TData so queue() only accepts matching data. Never set. */
  readonly _data?: TData;
}

export const defineMailTemplate = <TData extends object>(
  name: string,
  dir: URL,
  catalogue?: Catalogue,
): MailTemplate<TData> => ({
  name,
  dir,
  catalogue,
});
