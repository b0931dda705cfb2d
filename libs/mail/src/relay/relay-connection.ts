/** What nodemailer needs to reach a relay; the password is plain here and lives only in memory. */
export interface RelayEndpoint {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password: string | null;
}

/**
 * nodemailer options for a relay. `secure` is implicit TLS (smtps, usually 465); otherwise nodemailer upgrades with
 * STARTTLS when the server offers it. With a username, AUTH is always attempted (forceAuth): a server that stops
 * offering it fails the send instead of taking the mail unauthenticated. Certificates are verified (nodemailer's
 * default), and its logger stays off so no AUTH exchange ever reaches a log.
 */
export function relayTransportOptions(endpoint: RelayEndpoint, timeoutMs?: number) {
  return {
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    auth: endpoint.username ? { user: endpoint.username, pass: endpoint.password ?? '' } : undefined,
    forceAuth: !!endpoint.username,
    logger: false,
    debug: false,
    ...(timeoutMs ? { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs } : {}),
  };
}
