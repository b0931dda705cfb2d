/**
 * Fixture messages written for Rally's tests (CRLF line ends as on the wire). Each builder takes the few values a
 * test varies; everything else is what the mail clients and relays named in each comment write.
 */
const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

export interface Headers {
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string;
  extra?: string[];
}

function head(h: Headers): string {
  return [
    `From: ${h.from ?? 'Minister <minister@justice.example.gov>'}`,
    `To: ${h.to ?? 'reply+token@reply.example.org'}`,
    `Subject: ${h.subject ?? 'Re: Children do not belong in detention'}`,
    `Message-ID: ${h.messageId ?? '<answer-1@justice.example.gov>'}`,
    'Date: Mon, 01 Mar 2027 10:00:00 +0100',
    'MIME-Version: 1.0',
    ...(h.extra ?? []),
  ].join('\n');
}

export function plainReply(body: string, h: Headers = {}): string {
  return crlf(`${head(h)}\nContent-Type: text/plain; charset=utf-8\n\n${body}\n`);
}

export interface DsnRecipient {
  recipient: string;
  action: string;
  status: string;
  diagnostic?: string;
}

/** An RFC 3464 report as Postfix writes it; `returned` is the returned message's headers (rfc822-headers) or whole. */
export function dsn(
  recipients: DsnRecipient[],
  options: { returnedMessageId?: string; headersOnly?: boolean; to?: string; messageId?: string } = {},
): string {
  const groups = recipients
    .map(
      (r) =>
        `Final-Recipient: rfc822; ${r.recipient}\nOriginal-Recipient: rfc822;${r.recipient}\nAction: ${r.action}\nStatus: ${r.status}\n` +
        (r.diagnostic ? `Diagnostic-Code: smtp; ${r.diagnostic}\n` : ''),
    )
    .join('\n');
  const returnedHeaders = `From: "Amina K. via Child Rights Now" <campaigns@example.org>\nTo: ${recipients[0]?.recipient}\nSubject: Children do not belong in detention\nMessage-ID: ${options.returnedMessageId ?? '<letter.unknown@reply.example.org>'}\n`;
  const returned = options.headersOnly
    ? `Content-Type: text/rfc822-headers\n\n${returnedHeaders}`
    : `Content-Type: message/rfc822\nContent-Disposition: inline\n\n${returnedHeaders}\nDear Minister,\n\nPlease act.\n`;
  return crlf(`From: MAILER-DAEMON@mx.justice.example.gov (Mail Delivery System)
To: ${options.to ?? 'bounce+token@reply.example.org'}
Subject: Undelivered Mail Returned to Sender
Message-ID: ${options.messageId ?? '<dsn-1@mx.justice.example.gov>'}
Date: Mon, 01 Mar 2027 10:05:00 +0100
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="rep"

--rep
Content-Type: text/plain; charset=us-ascii
Content-Description: Notification

This is the mail system at host mx.justice.example.gov.
I'm sorry to have to inform you that your message could not be delivered.

--rep
Content-Type: message/delivery-status
Content-Description: Delivery report

Reporting-MTA: dns; mx.justice.example.gov
Arrival-Date: Mon, 01 Mar 2027 10:04:58 +0100

${groups}
--rep
Content-Description: Undelivered Message
${returned}
--rep--
`);
}
