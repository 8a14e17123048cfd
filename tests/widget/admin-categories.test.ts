/**
 * The studio's categories in the console's settings (Chromium): rename a category and write its
 * labels (PATCH with the CSRF token and an Idempotency-Key), add one, delete one; a category still
 * in use shows the programs the API's 409 names; German words; instructors read only; axe-clean.
 * The admin API is a stub on window.fetch.
 */
import { expect, expectAccessible, waitFor } from './helpers/dom.ts';
import { json, mountSettings, problem, restoreFetchAfterEach, root, stubAdminApi, type Call } from './helpers/admin-console.ts';

type Cat = { key: string; labels: Record<string, string>; programs: number };

function stubApi(): Call[] {
  let list: Cat[] = [
    { key: 'coaching', labels: { en: 'Coaching', de: 'Coaching' }, programs: 1 },
    { key: 'reiki', labels: { en: 'Reiki', de: 'Reiki' }, programs: 1 },
    { key: 'yin', labels: { en: 'Yin yoga' }, programs: 0 },
  ];
  return stubAdminApi(({ key, body }) => {
    if (key === 'GET /v1/admin/keys') return json(200, { keys: [] });
    if (key === 'GET /v1/admin/staff') return json(200, { staff: [] });
    if (key === 'GET /v1/admin/categories') return json(200, { categories: list });
    if (key === 'POST /v1/admin/categories') { list = [...list, { key: String(body!.key), labels: body!.labels as Record<string, string>, programs: 0 }]; return json(201, { categories: list }); }
    const one = /^(PATCH|DELETE) \/v1\/admin\/categories\/([\w-]+)$/.exec(key);
    if (one) {
      const c = list.find((x) => x.key === one[2])!;
      if (one[1] === 'DELETE') {
        if (c.programs) return problem(409, { code: 'category_in_use', title: 'Programs still use this category', detail: '1 program(s) use this category: give them another one first.', programs: [{ id: 'p1', slug: 'reiki', title: 'Reiki 1:1', status: 'published' }] });
        list = list.filter((x) => x !== c);
      } else Object.assign(c, { ...(body!.key ? { key: body!.key } : {}), labels: body!.labels });
      return json(200, { categories: list });
    }
    return undefined;
  });
}

const buttonWith = (el: Element, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);

async function mount(lang: string, role: string): Promise<{ el: Element; calls: Call[] }> {
  const calls = stubApi();
  const settings = await mountSettings(lang, role);
  await settings.show('categories' as never);
  const el = await waitFor(() => root(settings).querySelector('tandem-admin-categories'), 'the categories view');
  await waitFor(() => root(el).querySelector('#cat-coaching-key'), 'the list');
  return { el, calls };
}

describe('<tandem-admin-categories> in the settings', () => {
  restoreFetchAfterEach();

  it('renames a category with its labels, adds one, deletes an unused one, and shows the programs that keep one in use (English)', async function () {
    this.timeout(30_000);
    const { el, calls } = await mount('en', 'owner');
    await expectAccessible(el);
    const yin = root(el).querySelector<HTMLInputElement>('#cat-yin-key')!;
    yin.value = 'yin-yoga';
    root(el).querySelector<HTMLInputElement>('#cat-yin-de')!.value = 'Yin Yoga';
    yin.form!.requestSubmit();
    await waitFor(() => root(el).querySelector('.notice'), 'saved');
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.path).to.equal('/v1/admin/categories/yin');
    expect(patch.body).to.deep.equal({ key: 'yin-yoga', labels: { en: 'Yin yoga', de: 'Yin Yoga' } });
    expect(patch.headers['Tandem-CSRF']).to.equal('csrf-1');
    expect(patch.headers['Idempotency-Key']).to.match(/^[0-9a-f-]{36}$/);
    await waitFor(() => root(el).querySelector('#cat-yin-yoga-key'), 'the renamed category');

    const newKey = root(el).querySelector<HTMLInputElement>('#new-key')!;
    newKey.value = 'breathwork';
    root(el).querySelector<HTMLInputElement>('#new-en')!.value = 'Breathwork';
    newKey.form!.requestSubmit();
    await waitFor(() => root(el).querySelector('#cat-breathwork-key'), 'the new category');
    expect(calls.find((c) => c.method === 'POST')!.body).to.deep.equal({ key: 'breathwork', labels: { en: 'Breathwork' } });

    buttonWith(el, 'Delete: Reiki')!.click();
    const inUse = await waitFor(() => root(el).querySelector('[role="group"].error'), 'the programs in the way');
    expect(inUse.textContent).to.contain('Reiki 1:1 (reiki)');
    expect(root(el).querySelector('#cat-reiki-key')).to.exist;
    await expectAccessible(el);

    buttonWith(el, 'Delete: Breathwork')!.click();
    await waitFor(() => !root(el).querySelector('#cat-breathwork-key'), 'deleted');
    expect(root(el).querySelector('.notice')!.textContent).to.equal('Category deleted.');
    expect(root(el).querySelector('[role="group"].error')).to.equal(null);
  });

  it('speaks German; an instructor reads the list and changes nothing', async () => {
    const { el } = await mount('de', 'manager');
    expect(root(el).textContent).to.contain('Bezeichnung (Deutsch)');
    expect(buttonWith(el, 'Löschen: Coaching')).to.exist;
    const { el: read } = await mount('en', 'instructor');
    expect(root(read).textContent).to.contain('Owners and managers edit the categories.');
    expect(root(read).querySelector<HTMLInputElement>('#cat-coaching-en')!.disabled).to.equal(true);
    expect(buttonWith(read, 'Delete: Coaching')).to.equal(undefined);
  });
});
