import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { startSmtpSink } from './smtp-sink.js';

describe('SMTP sink', () => {
  it('survives a client that dies mid-session (a SIGKILLed worker resets its connections) and keeps accepting mail', async () => {
    const sink = await startSmtpSink();
    try {
      const socket = connect(sink.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('data', () => resolve()));
      // Killed in the middle of a message: after MAIL FROM the server reports the reset as an 'error' event.
      for (const command of ['EHLO crashed.example', 'MAIL FROM:<a@example.org>', 'RCPT TO:<b@example.org>', 'DATA']) {
        socket.write(`${command}\r\n`);
        await new Promise<void>((resolve) => socket.once('data', () => resolve()));
      }
      socket.write('Subject: half a message\r\n');
      await new Promise((r) => setTimeout(r, 50));
      socket.resetAndDestroy();
      await new Promise((r) => setTimeout(r, 300));

      await nodemailer
        .createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true })
        .sendMail({ from: 'a@example.org', to: 'b@example.org', subject: 'after', text: 'still here' });
      expect((await sink.waitFor(1)).map((m) => m.subject)).toEqual(['after']);
    } finally {
      await sink.close();
    }
  });
});
