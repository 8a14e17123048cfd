/** Mails in the studio's name and colour (issue 12, polish): the band, its text contrast, links, and a name that never becomes a link. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brandHtml, contrast, NEUTRAL_BRAND, textOn, toHtml } from '../../../../server/modules/notifications/domain/index.ts';

const html = toHtml('Hello Anna\n\nManage your booking: https://tandem.example/manage/abc', ['https://tandem.example/manage/abc']);

test('the text on any studio colour reads at 4.5 : 1 or better', () => {
  for (let r = 0; r < 256; r += 51) for (let g = 0; g < 256; g += 51) for (let b = 0; b < 256; b += 51) {
    const c = `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
    assert.ok(contrast(textOn(c), c) >= 4.5, `${textOn(c)} on ${c}: ${contrast(textOn(c), c).toFixed(2)}`);
  }
  assert.equal(textOn('#2f9e44'), '#000000', 'a mid green takes dark text (navy-on-green was 3.08 : 1)');
  assert.equal(textOn('#1d3557'), '#ffffff');
});

test('the band: the studio\'s name on its colour, first in the body; links in the colour where it reads on white', () => {
  const out = brandHtml(html, { name: 'Studio Flow', color: '#1D3557' });
  assert.match(out, /<body[^>]*><div style="background:#1d3557;color:#ffffff;[^"]*">Studio Flow<\/div><p>Hello Anna/);
  assert.match(out, /<a style="color:#1d3557" href="https:\/\/tandem\.example\/manage\/abc">/);
  const light = brandHtml(html, { name: 'Studio Flow', color: '#ffd43b' });
  assert.match(light, /background:#ffd43b;color:#000000/);
  assert.doesNotMatch(light, /<a style=/, 'a light colour would not read as link text on white');
});

test('no colour on file: a neutral band with the name; the name is escaped and never linkified', () => {
  const out = brandHtml(html, { name: 'www.evil.example <b>Flow</b>', color: null });
  assert.ok(out.includes(`background:${NEUTRAL_BRAND}`));
  assert.doesNotMatch(out, /<a style=/, 'links as they are without a studio colour');
  assert.doesNotMatch(out, /www\.evil\.example|<b>/);
  assert.ok(out.includes('&lt;b&gt;Flow&lt;/b&gt;'));
  assert.equal(brandHtml(html, { name: 'S', color: 'red;background:url(x)' }).includes('url(x)'), false, 'only #rrggbb reaches the style');
});
