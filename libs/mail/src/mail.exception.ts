/** A template name nobody registered (MailModule.forFeature): a programming error, caught at staging. */
export class TemplateNotRegisteredError extends Error {
  constructor(name: string) {
    super(`Mail template ${name} is not registered`);
  }
}

/** A sealed relay password that does not open: changed in the database, or SECRET_KEY changed since it was saved. */
export class RelaySealBrokenError extends Error {
  constructor(reason: string) {
    super(`The relay password cannot be decrypted (${reason}); enter it again in the organisation's mail relay`);
  }
}
