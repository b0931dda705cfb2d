// The inbound benchmark's baseline: a bare smtp-server (the version Rally uses) in its own process, with no
// recipient check and no storage, whose onData pipes the message into postal-mime (Rally's parser) and answers 250
// once it is parsed. Usage (forked by bench/inbound.mjs): node bench/lib/bare-inbound-server.mjs PORT [join]
// With `join` it first installs Rally's join of plain-text bodies into postal-mime (pass-through-join.ts), so it
// parses as fast as Rally's worker does: the baseline without the Blob cost Rally avoids (--baseline-join).
import { Readable } from 'node:stream';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

const [port, variant] = [Number(process.argv[2]), process.argv[3]];
if (variant === 'join') {
  const { installPassThroughJoin } = await import('../../dist/libs/inbound/src/processing/pass-through-join.js');
  if (!installPassThroughJoin()) throw new Error('postal-mime no longer has the pass-through decoder Rally replaces');
}
let parsed = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  size: 10 * 1_048_576,
  logger: false,
  onData(stream, _session, callback) {
    PostalMime.parse(Readable.toWeb(stream)).then(
      (email) => {
        parsed += email.headers.length > 0 ? 1 : 0;
        callback(null, 'Parsed');
      },
      (error) => callback(Object.assign(new Error(String(error)), { responseCode: 451 })),
    );
  },
});
server.on('error', () => undefined);
server.listen(port, '127.0.0.1', () => process.send({ kind: 'ready' }));
process.on('message', (m) => m.kind === 'count' && process.send({ kind: 'count', parsed }));
