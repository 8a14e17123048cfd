/** The hosted pages' own style sheet (inline under the page's nonce: one request less on a phone). */
export const PAGE_CSS = `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#555;--line:#ddd;--accent:#2f5d50}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header.site,nav.share ul{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}
footer.site{max-width:46rem;margin:0 auto;padding:1rem}
header.site a{color:var(--ink);font-weight:600;text-decoration:none}
main{display:block;max-width:46rem;margin:0 auto;padding:0 1rem 2rem}
tandem-program{display:block;min-height:20rem}
img{max-width:100%;height:auto}
/* Block boxes: a broken image with alt text is laid out inline (one line of text) unless it is a block, and its reserved box would collapse. */
.banner{display:block;width:100%;aspect-ratio:16/7;object-fit:cover;border-radius:.5rem}
h1{font-size:1.8rem;line-height:1.2;margin:1rem 0 .5rem}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem}
.lead{font-size:1.1rem;color:var(--muted)}
.facts{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}
.facts li{border:1px solid var(--line);border-radius:1rem;padding:.1rem .7rem;font-size:.9rem}
.variants{list-style:none;padding:0;display:grid;gap:.5rem}
.variants li{border:1px solid var(--line);border-radius:.5rem;padding:.75rem}
.price{font-weight:700}
.terms{display:block;color:var(--muted);font-size:.9rem}
.media{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.5rem}
.host{display:flex;gap:.75rem;align-items:flex-start}
.host img{width:4rem;height:4rem;border-radius:50%;object-fit:cover}
blockquote{margin:0;font-style:italic}
figure{margin:0 0 1rem}
details{border-bottom:1px solid var(--line);padding:.5rem 0}
summary{cursor:pointer;font-weight:600}
.cards{list-style:none;padding:0;display:grid;gap:1rem}
.cards li{border:1px solid var(--line);border-radius:.5rem;padding:1rem}
.cards h2{margin-top:0}
.cards img{display:block;width:100%;aspect-ratio:16/9;object-fit:cover;border-radius:.25rem}
a{color:var(--accent)}
nav.share ul{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}
footer.site{color:var(--muted);font-size:.85rem}
`;
