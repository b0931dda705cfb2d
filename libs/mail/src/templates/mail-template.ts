/** A mail template and, through its type parameter, the exact data it needs. Defined by the feature that sends it. */
export interface MailTemplate<TData extends object> {
  readonly name: string;
  /** Folder holding subject.hbs, html.hbs, text.hbs and optional per-language variants (subject.fr.hbs, ...). */
  readonly dir: URL;
  /** Phantom field: carries TData so queue() only accepts matching data. Never set. */
  readonly _data?: TData;
}

export const defineMailTemplate = <TData extends object>(name: string, dir: URL): MailTemplate<TData> => ({
  name,
  dir,
});
