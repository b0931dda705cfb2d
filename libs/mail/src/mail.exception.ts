/** A template name nobody registered (MailModule.forFeature): a programming error, caught at staging. */
export class TemplateNotRegisteredError extends Error {
  constructor(name: string) {
    super(`Mail template ${name} is not registered`);
  }
}
