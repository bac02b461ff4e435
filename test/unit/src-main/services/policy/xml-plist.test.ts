// The XML property-list reader (what a macOS configuration profile leaves in /Library/Managed Preferences): every value kind,
// the prototype-safe dict, and the malformed documents it refuses with a PlistError.
import { describe, expect, it } from 'vitest';
import { parseXmlPlist, PlistError } from '../../../../../src-main/services/policy/xml-plist';
import { managedPlist, policyOfPlist } from './managed-plist-fixture';

describe('XML property lists', () => {
  it('read dicts, arrays, strings (entities, CDATA), numbers, booleans, dates and data', () => {
    expect(parseXmlPlist(managedPlist)).toEqual(policyOfPlist);
    const all = `<plist version="1.0"><array><real>-1.5e2</real><date>2026-01-02T03:04:05Z</date><data>
      aGVs
      bG8=</data><string><![CDATA[a <b> & c]]></string><string/><dict/><array/></array></plist>`;
    expect(parseXmlPlist(all)).toEqual([-150, '2026-01-02T03:04:05Z', 'aGVsbG8=', 'a <b> & c', '', {}, []]);
  });

  it('keep a key named __proto__ as data, never as a prototype', () => {
    const value = parseXmlPlist('<plist><dict><key>__proto__</key><dict><key>polluted</key><true/></dict></dict></plist>') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['no plist element', '<dict></dict>'],
    ['an unclosed element', '<plist><dict><key>a</key><string>x</dict></plist>'],
    ['a dict value without key', '<plist><dict><string>x</string></dict></plist>'],
    ['a key twice', '<plist><dict><key>a</key><true/><key>a</key><false/></dict></plist>'],
    ['an unknown element', '<plist><thing/></plist>'],
    ['a bad integer', '<plist><integer>12abc</integer></plist>'],
    ['an unknown entity', '<plist><string>&nbsp;</string></plist>'],
    ['a bare ampersand', '<plist><string>a & b</string></plist>'],
    ['text after the end', '<plist><true/></plist>junk'],
    ['a truncated file', '<plist><dict><key>version</key>'],
  ])('refuse %s', (_why, text) => {
    expect(() => parseXmlPlist(text)).toThrow(PlistError);
  });

  it('skip a byte-order mark, processing instructions and comments, also inside a string', () => {
    const text = '\uFEFF<?xml version="1.0"?><!-- a --><plist><!-- b --><string>a<!-- c -->b</string><!-- d --></plist>\n<!-- e -->\n';
    expect(parseXmlPlist(text)).toBe('ab');
  });

  it('read signed integers, reals without a leading digit, numeric character references and <true></true>', () => {
    const text =
      '<plist><array><integer> -42 </integer><integer>+7</integer><real>.5</real><string>&#65;&#x42;&quot;&apos;</string><true></true></array></plist>';
    expect(parseXmlPlist(text)).toEqual([-42, 7, 0.5, 'AB"\'', true]);
  });

  it.each([
    ['an empty plist', '<plist/>'],
    ['two values in the plist', '<plist><true/><false/></plist>'],
    ['text where an element belongs', '<plist>hello</plist>'],
    ['a stray closing tag', '<plist></dict></plist>'],
    ['an element inside a string', '<plist><string>a<b/></string></plist>'],
    ['an empty integer', '<plist><integer/></plist>'],
    ['a real that overflows', '<plist><real>1e400</real></plist>'],
    ['a surrogate character reference', '<plist><string>&#xD800;</string></plist>'],
    ['a tag both closing and empty', '<plist></true/></plist>'],
    ['an unclosed comment', '<plist><!-- <true/></plist>'],
  ])('refuse %s', (_why, text) => {
    expect(() => parseXmlPlist(text)).toThrow(PlistError);
  });
});
