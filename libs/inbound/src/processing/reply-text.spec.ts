import { htmlToText, replyTextFromHtml } from './reply-html.js';
import { stripQuotedText } from './reply-text.js';

const LETTER = '> Dear Minister,\n>\n> I ask you to end child detention.\n>\n> Amina K.';

describe('quote stripping (text)', () => {
  it.each([
    ['English', 'On Mon, 1 Mar 2027 at 10:00, Amina K. via Child Rights Now <campaigns@example.org> wrote:'],
    ['French', 'Le lun. 1 mars 2027 à 10:00, Amina K. via Child Rights Now <campaigns@example.org> a écrit :'],
    ['German', 'Am 01.03.2027 um 10:00 schrieb Amina K. via Child Rights Now <campaigns@example.org>:'],
    ['Spanish', 'El lun, 1 mar 2027 a las 10:00, Amina K. <campaigns@example.org> escribió:'],
  ])('%s attribution and quote go', (_lang, attribution) => {
    expect(
      stripQuotedText(`Thank you, we will look into it.\n\nThe Minister's office\n\n${attribution}\n${LETTER}\n`),
    ).toBe("Thank you, we will look into it.\n\nThe Minister's office");
  });

  it('an attribution wrapped over two lines goes', () => {
    const text =
      'Noted.\n\nOn Mon, Mar 1, 2027 at 10:00 AM Amina K. via Child Rights Now <\ncampaigns@example.org> wrote:\n' +
      LETTER;
    expect(stripQuotedText(text)).toBe('Noted.');
  });

  it("Outlook's header block and everything after it go (the quote is not marked)", () => {
    const text =
      'Dear Ms Kone,\nThe minister has read your letter.\n\n________________________________\nFrom: Amina K. via Child Rights Now <campaigns@example.org>\n' +
      'Sent: Monday, March 1, 2027 10:00 AM\nTo: Minister <minister@justice.example.gov>\nSubject: Children do not belong in detention\n\nDear Minister,\nI ask you to act.';
    expect(stripQuotedText(text)).toBe('Dear Ms Kone,\nThe minister has read your letter.');
  });

  it('French and German Outlook blocks go', () => {
    expect(
      stripQuotedText(
        'Bien reçu.\n\nDe : Amina <a@example.org>\nEnvoyé : lundi 1 mars 2027 10:00\nÀ : Ministre\nObjet : Lettre\n\nTexte',
      ),
    ).toBe('Bien reçu.');
    expect(
      stripQuotedText(
        'Erhalten.\n\nVon: Amina <a@example.org>\nGesendet: Montag, 1. März 2027 10:00\nAn: Minister\nBetreff: Brief\n\nText',
      ),
    ).toBe('Erhalten.');
  });

  it('"-----Original Message-----" starts the quote', () => {
    expect(stripQuotedText('See attached.\n\n-----Original Message-----\nFrom: a@example.org\nDear Minister')).toBe(
      'See attached.',
    );
  });

  it('keeps inline answers written between quotes', () => {
    const text =
      'Please see our answers below.\n\nOn Mon, 1 Mar 2027, Amina <a@example.org> wrote:\n> Will you end child detention?\n' +
      'Yes, by 2028.\n> Will you publish the figures?\nThey are published every June.\n> Amina';
    expect(stripQuotedText(text)).toBe(
      'Please see our answers below.\n\nYes, by 2028.\nThey are published every June.',
    );
  });

  it('an attribution with an unmarked quote cuts everything after it', () => {
    expect(stripQuotedText('Thanks.\n\nOn Mon, 1 Mar 2027, Amina <a@example.org> wrote:\nDear Minister,\nplease')).toBe(
      'Thanks.',
    );
  });

  it('leaves a message with no quote as it is', () => {
    expect(stripQuotedText('Dear Amina,\r\n\r\nOn Monday the committee meets.\r\n')).toBe(
      'Dear Amina,\n\nOn Monday the committee meets.',
    );
  });
});

describe('quote stripping (HTML)', () => {
  it("Gmail's gmail_quote goes", () => {
    const html =
      '<div dir="ltr">We have received your letter.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Mar 1, 2027 Amina wrote:<br></div>' +
      '<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid">Dear Minister,<br>please act.</blockquote></div>';
    expect(replyTextFromHtml(html)).toBe('We have received your letter.');
  });

  it('inline answers inside a Gmail quote are kept', () => {
    const html =
      '<div>Answers below.</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Amina wrote:</div>' +
      '<blockquote class="gmail_quote">Will you end child detention?</blockquote><div>Yes, by 2028.</div>' +
      '<blockquote class="gmail_quote">Will you publish the figures?</blockquote><div>Every June.</div></div>';
    expect(replyTextFromHtml(html)).toBe('Answers below.\n\nYes, by 2028.\n\nEvery June.');
  });

  it("Outlook web's divRplyFwdMsg and everything after it go", () => {
    const html =
      '<div>Noted, thank you.</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Amina<br><b>Sent:</b> Monday<br><b>Subject:</b> Letter</div>' +
      '<div>Dear Minister, please act.</div>';
    expect(replyTextFromHtml(html)).toBe('Noted, thank you.');
  });

  it("Outlook desktop's WordSection1 separator goes with what follows", () => {
    const html =
      '<div class="WordSection1"><p class="MsoNormal">Bien reçu, merci.</p><p class="MsoNormal">&nbsp;</p>' +
      '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>De&nbsp;:</b> Amina<br><b>Envoyé&nbsp;:</b> lundi<br><b>Objet&nbsp;:</b> Lettre</p></div>' +
      '<p class="MsoNormal">Madame la Ministre, ...</p></div>';
    expect(replyTextFromHtml(html)).toBe('Bien reçu, merci.');
  });

  it("Thunderbird's moz-cite-prefix and blockquote type=cite go", () => {
    const html =
      '<p>Merci pour votre lettre.</p><div class="moz-cite-prefix">Le 01/03/2027 à 10:00, Amina a écrit&nbsp;:<br></div><blockquote type="cite">Madame la Ministre</blockquote>';
    expect(replyTextFromHtml(html)).toBe('Merci pour votre lettre.');
  });

  it('renders HTML as text with blockquotes marked', () => {
    expect(htmlToText('<p>One &amp; two</p><blockquote>quoted<br>more</blockquote><script>x()</script>')).toBe(
      'One & two\n\n> quoted\n> more',
    );
  });
});
