/** terminalSafe: log-derived text must not be able to recolour, retitle, relink or reorder the analyst's terminal. */
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/report/terminal-safe.js';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

describe('terminalSafe', () => {
  it('leaves ordinary text, Unicode and emoji alone', () => {
    for (const text of ['', 'acct_42', 'python-httpx/0.27.0 (Linux; x86_64)', 'Müller & Søn — 東京 😀', '100% of prompts (typical: 3%)']) {
      expect(terminalSafe(text)).toBe(text);
    }
  });

  it('escapes tab, line feed and carriage return, which would break a table cell', () => {
    expect(terminalSafe('a\tb')).toBe('a\\u0009b');
    expect(terminalSafe('a\nb')).toBe('a\\u000ab');
    expect(terminalSafe('a\r\nb')).toBe('a\\u000d\\u000ab');
  });

  it('strips CSI sequences: SGR colours, cursor movement, private modes, erase', () => {
    expect(terminalSafe(`${ESC}[31mred${ESC}[0m`)).toBe('red');
    expect(terminalSafe(`${ESC}[1;38;5;196mbold${ESC}[m plain`)).toBe('bold plain');
    expect(terminalSafe(`x${ESC}[2J${ESC}[H${ESC}[?25l${ESC}[10;20Hy`)).toBe('xy');
    expect(terminalSafe(`${ESC}[38:2:255:0:0mtruecolour`)).toBe('truecolour');
  });

  it('strips OSC 8 hyperlinks but keeps the visible link text', () => {
    expect(terminalSafe(`see ${ESC}]8;;https://evil.example/${ST}the docs${ESC}]8;;${ST} now`)).toBe('see the docs now');
    expect(terminalSafe(`${ESC}]8;id=1;https://evil.example/${BEL}click${ESC}]8;;${BEL}`)).toBe('click');
  });

  it('strips OSC window-title sequences terminated by BEL or ST', () => {
    expect(terminalSafe(`${ESC}]0;pwned${BEL}acct_1`)).toBe('acct_1');
    expect(terminalSafe(`${ESC}]2;owned title${ST}acct_2`)).toBe('acct_2');
    expect(terminalSafe(`a${ESC}]52;c;ZWNobyBoaQ==${BEL}b`)).toBe('ab'); // OSC 52 clipboard write
  });

  it('drops an unterminated OSC to the end of the text', () => {
    expect(terminalSafe(`ok${ESC}]0;title that never ends`)).toBe('ok');
  });

  it('removes two-character escapes (ESC @ … ESC _) such as RIS, IND and DCS/APC introducers', () => {
    expect(terminalSafe(`a${ESC}cb`)).toBe(`a\\u001bcb`); // ESC c (0x63) is outside @-_ : the ESC is made visible
    expect(terminalSafe(`a${ESC}Db`)).toBe('ab'); // IND
    expect(terminalSafe(`${ESC}Pq#0;2;0;0;0${ST}x`)).toBe('q#0;2;0;0;0x'); // DCS introducer and ST removed, payload left inert
  });

  it('makes other C0 controls, DEL and C1 controls visible as \\uXXXX', () => {
    expect(terminalSafe('a\x00b')).toBe('a\\u0000b');
    expect(terminalSafe('bell\x07')).toBe('bell\\u0007');
    expect(terminalSafe('back\x08space')).toBe('back\\u0008space');
    expect(terminalSafe('v\x0bf\x0c')).toBe('v\\u000bf\\u000c');
    expect(terminalSafe('del\x7f')).toBe('del\\u007f');
    expect(terminalSafe('\x9b31mc1csi')).toBe('\\u009b31mc1csi'); // 8-bit CSI: inert once escaped
    expect(terminalSafe('\x9d0;t\x9c')).toBe('\\u009d0;t\\u009c'); // 8-bit OSC / ST
    expect(terminalSafe('\x80\x85\x9f')).toBe('\\u0080\\u0085\\u009f');
    expect(terminalSafe('\xa0nbsp')).toBe('\xa0nbsp'); // U+00A0 is printable: kept
  });

  it('makes a lone or trailing ESC visible', () => {
    expect(terminalSafe(`end${ESC}`)).toBe('end\\u001b');
    expect(terminalSafe(`${ESC}7saved`)).toBe('\\u001b7saved'); // DECSC: ESC + '7' is not in @-_
  });

  it('makes bidi overrides, embeddings, isolates and marks visible', () => {
    expect(terminalSafe('invoice\u202Efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(terminalSafe('\u202A\u202B\u202C\u202D\u202E')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e');
    expect(terminalSafe('\u2066x\u2067y\u2068z\u2069')).toBe('\\u2066x\\u2067y\\u2068z\\u2069');
    expect(terminalSafe('\u200E\u200F')).toBe('\\u200e\\u200f');
  });

  it('handles a hostile account id mixing everything', () => {
    const hostile = `${ESC}[31mRED${ESC}]0;pwned${BEL}\u202Eevil${ESC}]8;;http://x.test${ST}link${ESC}]8;;${ST}\x00`;
    const safe = terminalSafe(hostile);
    expect(safe).toBe('RED\\u202eevillink\\u0000');
    expect(safe).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('is idempotent on its own output', () => {
    const once = terminalSafe(`${ESC}[1mA\u202E\x01B${ESC}`);
    expect(terminalSafe(once)).toBe(once);
  });
});
