/**
 * The program page's ratings: the approved reviews' average and number (the program answer's
 * `review_summary`) and each review's stars, with a text alternative in the visitor's language.
 */
import { http, HttpResponse } from 'msw';
import { expect, expectAccessible, inStep, mountProgram, useMockApi, waitFor } from './helpers/dom.ts';
import { API, worker } from './helpers/mock-api.ts';
import { programs } from './helpers/fixtures.ts';

const rated = {
  ...programs.evolve!,
  testimonials: [
    { quote: 'Life-changing.', author: 'Sara', rating: null, date: null },
    { quote: 'Calm, precise and kind.', author: 'Ben K.', rating: 4, date: '2026-12-05' },
    { quote: 'Worth every minute.', author: 'Léa B.', rating: 5, date: '2026-12-06' },
  ],
  review_summary: { average: 4.5, count: 2 },
};

describe('program page ratings', () => {
  useMockApi();
  const serve = (answer: object) => worker.use(http.get(`${API}/v1/embed/programs/evolve`, () => HttpResponse.json(answer)));

  it('the average and number in words, each review\'s stars read out as text; the studio\'s own quote has none', async () => {
    serve(rated);
    const page = await inStep(await mountProgram('evolve'), 'program');
    const summary = page.querySelector('.rating-summary')!;
    expect(summary.textContent!.replace(/\s+/g, ' ').trim()).to.contain('Rated 4.5 out of 5 by 2 clients');
    expect(summary.querySelector('.stars')!.getAttribute('aria-hidden')).to.equal('true');
    const captions = [...page.querySelectorAll('figcaption')];
    expect(captions.map((c) => c.querySelector('[role="img"]')?.getAttribute('aria-label') ?? null)).to.deep.equal([null, '4 out of 5 stars', '5 out of 5 stars']);
    expect(captions[1]!.querySelector('.stars')!.textContent!.replace(/\s+/g, '')).to.equal('★★★★☆');
    await expectAccessible(page.host);
  });

  it('in German, one review: the words of one', async () => {
    serve({ ...rated, testimonials: [rated.testimonials[1]], review_summary: { average: 4, count: 1 } });
    const page = await inStep(await mountProgram('evolve', { lang: 'de-CH' }), 'program');
    const summary = () => page.querySelector('.rating-summary')?.textContent?.replace(/\s+/g, ' ') ?? '';
    await waitFor(() => summary().includes('Bewertet'), 'German words');
    expect(summary()).to.contain('Bewertet mit 4 von 5 von 1 Teilnehmerin oder Teilnehmer');
    expect(page.querySelector('figcaption [role="img"]')!.getAttribute('aria-label')).to.equal('4 von 5 Sternen');
  });

  it('no reviews: no summary and no stars', async () => {
    const page = await inStep(await mountProgram('evolve'), 'program');
    expect(page.querySelector('.rating-summary')).to.equal(null);
    expect(page.querySelector('[role="img"]')).to.equal(null);
  });
});
