// The inbound benchmark's mail: what ministries send back to letters, made the same way for Rally and the baseline.
// Message i of a round is the same bytes for both: its kind and size follow from i alone (no randomness).

const KB = 1024;
const MIN_BYTES = 2 * KB;
const MAX_BYTES = 50 * KB;

/** One message in ten is a delivery report; of the replies, every other one is multipart with an HTML part. */
export function kindOf(i) {
  if (i % 10 === 9) return 'dsn';
  return i % 2 === 0 ? 'plain' : 'html';
}

/**
 * 2-50 KB spread evenly over the round: a multiplicative step through 0..48 visits every kilobyte size in turn,
 * so sizes and kinds are not correlated (a fixed order of sizes would give the reports the same few sizes).
 */
export function sizeOf(i) {
  return MIN_BYTES + ((i * 31) % ((MAX_BYTES - MIN_BYTES) / KB + 1)) * KB;
}

const SENTENCES = [
  'The Minister has asked me to thank you for your letter about the detention of children for immigration reasons.',
  'The Government shares your concern that no child should be held because of the migration status of a parent.',
  'Alternatives to detention have been piloted in three regions since last year, with case workers for each family.',
  'The draft law now before Parliament would end the placement of families with children in administrative detention.',
  'The Ministry publishes the number of children held each quarter, and the latest figures are on its website.',
  'Your experience, and that of your family, will be shared with the officials who are preparing the reform.',
  'The Minister will meet representatives of child-rights organisations before the committee stage of the bill.',
  'Please accept the assurance of our highest consideration, and our thanks for taking the time to write.',
];

/** `bytes` of prose in paragraphs, each line under 78 characters; `prefix` starts every line (the quote marker). */
function prose(bytes, { prefix = '', seed = 0 } = {}) {
  const lines = [];
  let size = 0;
  for (let n = seed; size < bytes; n++) {
    const words = SENTENCES[n % SENTENCES.length].split(' ');
    let line = prefix;
    for (const word of words) {
      if (line.length + word.length + 1 > 76) {
        lines.push(line);
        size += line.length + 2;
        line = prefix;
      }
      line += (line === prefix ? '' : ' ') + word;
    }
    lines.push(line, prefix.trimEnd());
    size += line.length + prefix.length + 4;
  }
  return lines.join('\r\n');
}

/** The same prose as HTML paragraphs of a few sentences. */
function proseHtml(bytes, seed = 0) {
  const paragraphs = [];
  let size = 0;
  for (let n = seed; size < bytes; n += 3) {
    const p = `<p style="margin:0 0 12px 0">${[0, 1, 2].map((k) => SENTENCES[(n + k) % SENTENCES.length]).join(' ')}</p>`;
    paragraphs.push(p);
    size += p.length + 2;
  }
  return paragraphs.join('\r\n');
}

/** A header block; every value here is 7-bit ASCII. */
function headers(fields) {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
}

/**
 * Message i for `letter` ({ replyTo, bounceAddress, messageId, recipient (the target's address), subject }) in round
 * `round`: returns { envelope: { from, to }, raw } with raw about sizeOf(i) bytes, CRLF line ends, no line starting
 * with a dot. A reply comes from the target's address to the letter's reply address, In-Reply-To the letter, the
 * letter quoted below the answer; a report comes from the target's relay to the bounce address (MAIL FROM:<>).
 */
export function inboundMessage(i, round, letter) {
  const kind = kindOf(i);
  const size = sizeOf(i);
  const messageId = `<r${round}.m${i}.${kind}@mail.gouv.example.fr>`;
  const date = new Date(Date.UTC(2027, 2, 1, 9, 0, i % 60)).toUTCString().replace('GMT', '+0000');
  const common = {
    'Message-ID': messageId,
    Date: date,
    'MIME-Version': '1.0',
  };
  if (kind === 'dsn')
    return { envelope: { from: false, to: [letter.bounceAddress] }, raw: dsn(i, size, letter, common) };
  const from = `Cabinet du ministre <${letter.recipient}>`;
  const top = {
    From: from,
    To: letter.replyTo,
    Subject: `Re: ${letter.subject}`,
    'In-Reply-To': letter.messageId,
    References: letter.messageId,
    ...common,
    Received: `from mx1.gouv.example.fr (mx1.gouv.example.fr [192.0.2.${i % 250}]) by relay.gouv.example.fr with ESMTPS id r${round}m${i}; ${date}`,
    'Authentication-Results':
      'relay.gouv.example.fr; dkim=pass header.d=gouv.example.fr; spf=pass smtp.mailfrom=gouv.example.fr',
    'X-Mailer': 'Microsoft Outlook 16.0',
  };
  const answerBytes = Math.round(size * 0.3);
  const quoteBytes = size - answerBytes - 900;
  const answer = prose(answerBytes, { seed: i });
  const quoted = `On 28 Feb 2027, at 18:02, ${letter.replyTo} wrote:\r\n${prose(quoteBytes, { prefix: '> ', seed: i + 3 })}`;
  if (kind === 'plain') {
    const raw = `${headers({ ...top, 'Content-Type': 'text/plain; charset=us-ascii', 'Content-Transfer-Encoding': '7bit' })}\r\n\r\n${answer}\r\n\r\n${quoted}\r\n`;
    return { envelope: { from: letter.recipient, to: [letter.replyTo] }, raw };
  }
  // Multipart: the text and the HTML each carry half of the answer and the quote (a client writes both parts).
  const boundary = `----=_Part_${round}_${i}`;
  const text = `${prose(answerBytes / 2, { seed: i })}\r\n\r\n${prose(quoteBytes / 2, { prefix: '> ', seed: i + 3 })}`;
  const html =
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii"></head><body>\r\n` +
    `<div dir="ltr">${proseHtml(answerBytes / 2, i)}</div>\r\n` +
    `<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On 28 Feb 2027, at 18:02, &lt;${letter.replyTo}&gt; wrote:<br></div>\r\n` +
    `<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">\r\n` +
    `${proseHtml(quoteBytes / 2, i + 3)}\r\n</blockquote></div>\r\n</body></html>`;
  const raw =
    `${headers({ ...top, 'Content-Type': `multipart/alternative; boundary="${boundary}"` })}\r\n\r\n` +
    `--${boundary}\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${text}\r\n` +
    `--${boundary}\r\nContent-Type: text/html; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n${html}\r\n` +
    `--${boundary}--\r\n`;
  return { envelope: { from: letter.recipient, to: [letter.replyTo] }, raw };
}

/** Status codes the reports carry in turn: a hard bounce, two soft ones, a policy block (RFC 3463 classes). */
const DSN_STATUSES = [
  ['5.1.1', '550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table'],
  ['4.2.2', '452 4.2.2 <{rcpt}>: Mailbox full'],
  ['5.2.2', '552 5.2.2 <{rcpt}>: Mailbox quota exceeded'],
  ['5.7.1', '550 5.7.1 <{rcpt}>: Message rejected by policy'],
];

/** An RFC 3464 report as Postfix writes it, with the letter returned whole (its body padded to the size). */
function dsn(i, size, letter, common) {
  const [status, diagnostic] = DSN_STATUSES[Math.floor(i / 10) % DSN_STATUSES.length];
  const rcpt = letter.recipient;
  const boundary = `dsn.${i}/mx1.gouv.example.fr`;
  const top = headers({
    From: 'MAILER-DAEMON@mx1.gouv.example.fr (Mail Delivery System)',
    To: letter.bounceAddress,
    Subject: 'Undelivered Mail Returned to Sender',
    ...common,
    'Auto-Submitted': 'auto-replied',
    'Content-Type': `multipart/report; report-type=delivery-status; boundary="${boundary}"`,
  });
  const returned = headers({
    From: `"Amina D. via Bench Org" <campaigns@bench.example.org>`,
    To: rcpt,
    'Reply-To': letter.replyTo,
    Subject: letter.subject,
    'Message-ID': letter.messageId,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
  });
  const head =
    `${top}\r\n\r\n--${boundary}\r\nContent-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n` +
    `This is the mail system at host mx1.gouv.example.fr.\r\n\r\nI'm sorry to have to inform you that your message could not\r\n` +
    `be delivered to one or more recipients. It's attached below.\r\n\r\n--${boundary}\r\n` +
    `Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n` +
    `Reporting-MTA: dns; mx1.gouv.example.fr\r\nArrival-Date: ${common.Date}\r\n\r\n` +
    `Final-Recipient: rfc822; ${rcpt}\r\nOriginal-Recipient: rfc822;${rcpt}\r\nAction: failed\r\n` +
    `Status: ${status}\r\nRemote-MTA: dns; mail.gouv.example.fr\r\nDiagnostic-Code: smtp; ${diagnostic.replace('{rcpt}', rcpt)}\r\n\r\n` +
    `--${boundary}\r\nContent-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n\r\n${returned}\r\n\r\n`;
  const body = prose(Math.max(size - head.length - 80, 200), { seed: i });
  return `${head}${body}\r\n\r\n--${boundary}--\r\n`;
}
