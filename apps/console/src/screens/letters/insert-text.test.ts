import { describe, expect, it } from 'vitest';
import { insertAt, mergeToken } from './insert-text';

describe('inserting a merge field in the template', () => {
  it('goes at the caret and moves the caret after it', () => {
    expect(insertAt('Dear ,', '{{target.name}}', 5, 5)).toEqual({ value: 'Dear {{target.name}},', caret: 20 });
  });

  it('replaces the selected text', () => {
    expect(insertAt('Dear NAME,', '{{target.name}}', 5, 9)).toEqual({ value: 'Dear {{target.name}},', caret: 20 });
  });

  it('appends when the field has no usable selection', () => {
    expect(insertAt('Hello', 'X', null, null)).toEqual({ value: 'HelloX', caret: 6 });
    expect(insertAt('Hello', 'X', 99, 120)).toEqual({ value: 'HelloX', caret: 6 });
    expect(insertAt('Hello', 'X', 2, 1)).toEqual({ value: 'HeXllo', caret: 3 });
  });

  it('writes the path between double braces', () => {
    expect(mergeToken('supporter.firstName')).toBe('{{supporter.firstName}}');
  });
});
