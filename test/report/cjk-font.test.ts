import { describe, expect, it } from 'vitest';
import { cjkCodePoints, cjkFontCss } from '../../src/report/cjk-font.js';

describe('embedded CJK font', () => {
  it('embeds nothing for a page without CJK text', async () => {
    expect(cjkCodePoints('Scheduler comparison — “report” 100 %')).toEqual([]);
    expect(await cjkFontCss('<p>Scheduler comparison</p>')).toBe('');
  });

  it('embeds only the characters used, small, licensed, and the same bytes every time', async () => {
    const text = '<h1>调度器对比报告</h1><p>引擎：oracle、mesos。</p>';
    const codes = cjkCodePoints(text);
    expect(codes).toContain(0x8c03);
    expect(codes).toContain(0x3002);
    expect(codes).not.toContain('o'.charCodeAt(0));
    const css = await cjkFontCss(text);
    expect(css).toContain('SIL Open Font License');
    expect(css).toMatch(/@font-face \{ font-family: 'Schedbench Noto Sans SC';.*format\('woff2'\); unicode-range: U\+/);
    const ranges = [...css.matchAll(/unicode-range: ([^;]+);/g)].flatMap((m) => (m[1] as string).split(','));
    expect(ranges.length).toBeLessThanOrEqual(codes.length);
    // About a dozen glyphs: a few kilobytes, not the megabytes of the whole font.
    expect(css.length).toBeLessThan(20_000);
    expect(await cjkFontCss(text)).toBe(css);
  }, 60_000);
});
