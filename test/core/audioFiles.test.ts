import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audioExtensionOf, compileFilePattern, parseByteRange, recordingIdOfMediaPath, recordingMediaHost, recordingMediaScheme, uniqueidCandidates } from '../../core/recordings/audioFiles';
import { contentSecurityPolicy } from '../../core/security';

describe('audio file names', () => {
  it('takes the six audio extensions in any case and nothing else', () => {
    expect(['a.wav', 'b.MP3', 'c.ogg', 'd.opus', 'e.m4a', 'f.GSM'].map(audioExtensionOf)).toEqual(['wav', 'mp3', 'ogg', 'opus', 'm4a', 'gsm']);
    expect(['a.txt', 'wav', '.wav', 'a.wav.bak', 'a.flac'].map(audioExtensionOf)).toEqual([null, null, null, null, null]);
  });

  it("offers the whole name, then its dash- or underscore-separated parts from the last, as uniqueids", () => {
    expect(uniqueidCandidates('1774599300.12.wav')).toEqual(['1774599300.12']);
    expect(uniqueidCandidates('in-200-0612345678-20260327-091500-1774599300.12.wav')).toEqual([
      'in-200-0612345678-20260327-091500-1774599300.12',
      '1774599300.12',
      '091500',
      '20260327',
      '0612345678',
      '200',
      'in',
    ]);
    expect(uniqueidCandidates('q_1774599300.12_x.mp3')).toEqual(['q_1774599300.12_x', 'x', '1774599300.12', 'q']);
  });

  it('compiles the FreePBX pattern and reads every token', () => {
    const pattern = compileFilePattern('in-{dst}-{src}-{date:YYYYMMDD}-{time:HHMMSS}-{uniqueid}');
    expect(pattern.ok).toBe(true);
    if (!pattern.ok) return;
    expect(pattern.match('in-200-+33612345678-20260327-091500-1774599300.12.wav')).toEqual({
      dst: '200',
      src: '+33612345678',
      uniqueid: '1774599300.12',
      localDateTime: '2026-03-27 09:15:00',
    });
    expect(pattern.match('out-200-+33612345678-20260327-091500-1774599300.12.wav')).toBeNull();
    expect(pattern.match('in-200-+33612345678-2026032-091500-1.wav')).toBeNull();
  });

  it('reads dates and times with separators, in any order, and {*} for anything', () => {
    const ordered = compileFilePattern('{time:HHMMSS}_{date:YYYY-MM-DD}_{src}');
    expect(ordered.ok && ordered.match('091500_2026-03-27_0612.wav')).toEqual({ src: '0612', localDateTime: '2026-03-27 09:15:00' });
    const simple = compileFilePattern('rec {date:DD.MM.YYYY} {time:HH-MM-SS} {*}');
    expect(simple.ok && simple.match('rec 27.03.2026 09-15-00 agent 12.ogg')).toEqual({ localDateTime: '2026-03-27 09:15:00' });
    // Regular-expression characters in the pattern are plain text.
    const dots = compileFilePattern('a.b+({uniqueid})');
    expect(dots.ok && dots.match('a.b+(u.1).wav')).toEqual({ uniqueid: 'u.1' });
    expect(dots.ok && dots.match('aXb+(u.1).wav')).toBeNull();
  });

  it('refuses patterns that cannot match a call, naming the problem', () => {
    const problem = (text: string) => {
      const compiled = compileFilePattern(text);
      return compiled.ok ? null : compiled.problem;
    };
    expect(problem('{caller}-{uniqueid}')).toMatch(/\{caller\} is not a token/);
    expect(problem('{src}-{dst}')).toMatch(/needs \{uniqueid\}/);
    expect(problem('{date:YYYYMMDD}')).toMatch(/needs \{uniqueid\}/);
    expect(problem('{date}-{time:HHMMSS}')).toMatch(/needs a format/);
    expect(problem('{date:YYYYMM}-{time:HHMMSS}')).toMatch(/YYYY, MM, DD once each/);
    expect(problem('{time:HHMMSSMM}-{date:YYYYMMDD}')).toMatch(/HH, MM, SS once each/);
    expect(problem('{uniqueid}-{uniqueid}')).toMatch(/twice/);
    expect(problem('{uniqueid:x}')).toMatch(/takes no format/);
    expect(problem('{uniqueid}}')).toMatch(/brace/);
  });
});

describe('byte ranges', () => {
  it('reads single ranges, suffixes and open ends, and refuses what lies beyond the file', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=0-', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseByteRange('bytes=10-19', 100)).toEqual({ kind: 'partial', start: 10, end: 19 });
    expect(parseByteRange('bytes=90-500', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseByteRange('bytes=-30', 100)).toEqual({ kind: 'partial', start: 70, end: 99 });
    expect(parseByteRange('bytes=-300', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=20-10', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('items=0-1', 100)).toEqual({ kind: 'whole' });
  });

  it('never answers a range outside the file (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.option(fc.nat(20_000)), fc.option(fc.nat(20_000)), (size, first, last) => {
        const range = parseByteRange(`bytes=${first ?? ''}-${last ?? ''}`, size);
        return range.kind !== 'partial' || (range.start >= 0 && range.start <= range.end && range.end < size);
      }),
    );
  });
});

describe('media addresses', () => {
  it('take only a positive whole id', () => {
    expect(['/12', '12', '/0', '/-1', '/1.5', '/../1', '/1/', '/99999999999999999'].map(recordingIdOfMediaPath)).toEqual([12, 12, null, null, null, null, null, null]);
  });

  it('are the only media sources the content security policy allows besides the app itself', () => {
    const media = contentSecurityPolicy.split('; ').find((directive) => directive.startsWith('media-src'));
    expect(media).toBe(`media-src 'self' ${recordingMediaScheme}://${recordingMediaHost}`);
  });
});
