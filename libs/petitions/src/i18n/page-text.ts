import type { Language } from '#rally/core';

/** Every string the public pages show, per petition language. Consent wording lives here too: it is stored as shown. */
export interface PageText {
  by: string;
  signatures: string;
  goal: string;
  progressLabel: string;
  recentSigners: string;
  signHeading: string;
  firstName: string;
  lastName: string;
  email: string;
  postcode: string;
  region: string;
  country: string;
  chooseCountry: string;
  comment: string;
  optional: string;
  publicDisplay: string;
  consent: (org: string) => string;
  submit: string;
  errorSummary: string;
  share: string;
  shareEmail: string;
  copyLink: string;
  closed: string;
  draft: string;
  delivered: string;
  closesOn: string;
  thanksTitle: string;
  thanksBody: string;
  confirmTitle: string;
  confirmBody: string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedBody: string;
  linkInvalidTitle: string;
  linkInvalidBody: string;
  backToPetition: string;
  petitionClosedConfirm: string;
  errors: {
    required: string;
    email: string;
    disposable: string;
    tooLong: string;
    country: string;
    tooFast: string;
    expired: string;
    invalid: string;
    tooMany: string;
    busy: string;
  };
}

const en: PageText = {
  by: 'A petition by',
  signatures: 'signatures',
  goal: 'Goal',
  progressLabel: 'Progress towards the goal',
  recentSigners: 'Recent signers',
  signHeading: 'Sign this petition',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  postcode: 'Postcode',
  region: 'Region',
  country: 'Country',
  chooseCountry: 'Choose your country',
  comment: 'Why are you signing?',
  optional: 'optional',
  publicDisplay: 'Show my first name and region on this page',
  consent: (org) =>
    `I agree that ${org} may email me about this campaign and related actions. I can unsubscribe at any time.`,
  submit: 'Sign the petition',
  errorSummary: 'Please correct the highlighted fields.',
  share: 'Share',
  shareEmail: 'Email',
  copyLink: 'Link to share',
  closed: 'This petition is closed and no longer accepts signatures.',
  draft: 'This petition is not open yet.',
  delivered: 'This petition has been delivered to its target. Thank you to everyone who signed.',
  closesOn: 'Closes on',
  thanksTitle: 'Check your email',
  thanksBody:
    'We have sent you an email. Follow the link in it to confirm your signature: only confirmed signatures are counted.',
  confirmTitle: 'Confirm your signature',
  confirmBody: 'Press the button to confirm that you signed this petition. Only confirmed signatures are counted.',
  confirmButton: 'Confirm my signature',
  confirmedTitle: 'Thank you, your signature is confirmed',
  confirmedBody: 'Your signature now counts. Share the petition to help it reach its goal.',
  linkInvalidTitle: 'This link can no longer be used',
  linkInvalidBody: 'Confirmation links work once. If you have already confirmed, your signature is counted.',
  backToPetition: 'Back to the petition',
  petitionClosedConfirm: 'This petition closed before your signature was confirmed, so it could not be counted.',
  errors: {
    required: 'This field is required.',
    email: 'Enter a valid email address.',
    disposable: 'Please use a permanent email address.',
    tooLong: 'This is too long.',
    country: 'Choose a country from the list.',
    tooFast: 'The form was sent too quickly. Please try again.',
    expired: 'This form was open for a long time. Please send it again.',
    invalid: 'This value is not valid.',
    tooMany: 'Too many signatures were sent from your connection. Please wait a moment and try again.',
    busy: 'So many people are signing right now that we could not take yours. Please try again in a moment.',
  },
};

const fr: PageText = {
  by: 'Une pétition de',
  signatures: 'signatures',
  goal: 'Objectif',
  progressLabel: "Progression vers l'objectif",
  recentSigners: 'Derniers signataires',
  signHeading: 'Signez cette pétition',
  firstName: 'Prénom',
  lastName: 'Nom',
  email: 'Adresse e-mail',
  postcode: 'Code postal',
  region: 'Région',
  country: 'Pays',
  chooseCountry: 'Choisissez votre pays',
  comment: 'Pourquoi signez-vous ?',
  optional: 'facultatif',
  publicDisplay: 'Afficher mon prénom et ma région sur cette page',
  consent: (org) =>
    `J'accepte que ${org} m'écrive par e-mail au sujet de cette campagne et d'actions liées. Je peux me désinscrire à tout moment.`,
  submit: 'Signer la pétition',
  errorSummary: 'Veuillez corriger les champs signalés.',
  share: 'Partager',
  shareEmail: 'E-mail',
  copyLink: 'Lien à partager',
  closed: "Cette pétition est close et n'accepte plus de signatures.",
  draft: "Cette pétition n'est pas encore ouverte.",
  delivered: 'Cette pétition a été remise à son destinataire. Merci à toutes celles et ceux qui ont signé.',
  closesOn: 'Clôture le',
  thanksTitle: 'Consultez votre messagerie',
  thanksBody:
    'Nous vous avons envoyé un e-mail. Suivez le lien pour confirmer votre signature : seules les signatures confirmées sont comptées.',
  confirmTitle: 'Confirmez votre signature',
  confirmBody:
    'Appuyez sur le bouton pour confirmer que vous avez signé cette pétition. Seules les signatures confirmées sont comptées.',
  confirmButton: 'Confirmer ma signature',
  confirmedTitle: 'Merci, votre signature est confirmée',
  confirmedBody: "Votre signature compte désormais. Partagez la pétition pour l'aider à atteindre son objectif.",
  linkInvalidTitle: 'Ce lien ne peut plus être utilisé',
  linkInvalidBody:
    'Les liens de confirmation ne fonctionnent qu’une fois. Si vous avez déjà confirmé, votre signature est comptée.',
  backToPetition: 'Retour à la pétition',
  petitionClosedConfirm:
    'Cette pétition a été close avant la confirmation de votre signature, qui n’a donc pas pu être comptée.',
  errors: {
    required: 'Ce champ est obligatoire.',
    email: 'Saisissez une adresse e-mail valide.',
    disposable: 'Utilisez une adresse e-mail permanente.',
    tooLong: 'Ce texte est trop long.',
    country: 'Choisissez un pays dans la liste.',
    tooFast: 'Le formulaire a été envoyé trop vite. Veuillez réessayer.',
    expired: 'Ce formulaire est resté ouvert longtemps. Veuillez l’envoyer à nouveau.',
    invalid: "Cette valeur n'est pas valide.",
    tooMany: 'Trop de signatures ont été envoyées depuis votre connexion. Patientez un instant, puis réessayez.',
    busy: "Tant de personnes signent en ce moment que nous n'avons pas pu enregistrer la vôtre. Réessayez dans un instant.",
  },
};

const es: PageText = {
  by: 'Una petición de',
  signatures: 'firmas',
  goal: 'Meta',
  progressLabel: 'Progreso hacia la meta',
  recentSigners: 'Firmantes recientes',
  signHeading: 'Firma esta petición',
  firstName: 'Nombre',
  lastName: 'Apellidos',
  email: 'Correo electrónico',
  postcode: 'Código postal',
  region: 'Región',
  country: 'País',
  chooseCountry: 'Elige tu país',
  comment: '¿Por qué firmas?',
  optional: 'opcional',
  publicDisplay: 'Mostrar mi nombre y mi región en esta página',
  consent: (org) =>
    `Acepto que ${org} me escriba por correo electrónico sobre esta campaña y acciones relacionadas. Puedo darme de baja en cualquier momento.`,
  submit: 'Firmar la petición',
  errorSummary: 'Corrige los campos señalados.',
  share: 'Compartir',
  shareEmail: 'Correo',
  copyLink: 'Enlace para compartir',
  closed: 'Esta petición está cerrada y ya no acepta firmas.',
  draft: 'Esta petición aún no está abierta.',
  delivered: 'Esta petición se ha entregado a su destinatario. Gracias a todas las personas que firmaron.',
  closesOn: 'Se cierra el',
  thanksTitle: 'Revisa tu correo',
  thanksBody:
    'Te hemos enviado un correo. Sigue el enlace para confirmar tu firma: solo se cuentan las firmas confirmadas.',
  confirmTitle: 'Confirma tu firma',
  confirmBody: 'Pulsa el botón para confirmar que firmaste esta petición. Solo se cuentan las firmas confirmadas.',
  confirmButton: 'Confirmar mi firma',
  confirmedTitle: 'Gracias, tu firma está confirmada',
  confirmedBody: 'Tu firma ya cuenta. Comparte la petición para ayudarla a alcanzar su meta.',
  linkInvalidTitle: 'Este enlace ya no se puede usar',
  linkInvalidBody: 'Los enlaces de confirmación funcionan una sola vez. Si ya confirmaste, tu firma está contada.',
  backToPetition: 'Volver a la petición',
  petitionClosedConfirm: 'Esta petición se cerró antes de que confirmaras tu firma, por lo que no se pudo contar.',
  errors: {
    required: 'Este campo es obligatorio.',
    email: 'Introduce un correo electrónico válido.',
    disposable: 'Usa una dirección de correo permanente.',
    tooLong: 'Este texto es demasiado largo.',
    country: 'Elige un país de la lista.',
    tooFast: 'El formulario se envió demasiado rápido. Inténtalo de nuevo.',
    expired: 'Este formulario estuvo abierto mucho tiempo. Envíalo de nuevo.',
    invalid: 'Este valor no es válido.',
    tooMany: 'Se enviaron demasiadas firmas desde tu conexión. Espera un momento e inténtalo de nuevo.',
    busy: 'Hay tantas personas firmando ahora mismo que no pudimos registrar la tuya. Inténtalo de nuevo en un momento.',
  },
};

export const PAGE_TEXT: Record<Language, PageText> = { en, fr, es };
