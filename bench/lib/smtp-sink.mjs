import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import { ROOT } from './processes.mjs';

/**
 * startSmtpSink from libs/core/src/testing/smtp-sink.ts, the sink the e2e tests use: testing code is not compiled by
 * build:server, so it is transpiled here (types dropped, nothing else changed) into bench/results/ and imported.
 */
export async function startSmtpSink(options) {
  const source = readFileSync(`${ROOT}libs/core/src/testing/smtp-sink.ts`, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = `${ROOT}bench/results/.build/`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}smtp-sink.mjs`, outputText);
  const sink = await import(`${dir}smtp-sink.mjs`);
  return sink.startSmtpSink(options);
}
