// A small React app that embeds the widget, to show it works inside a framework.
// No JSX so the demo needs no extra build step beyond bundling.
import { createElement as h, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface BookedDetail { booking_id: string; status: string; sessions: { starts_at: string }[] }

function ProgramWidget(props: { publishableKey: string; program: string; onBooked: (detail: BookedDetail) => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // `key` is reserved by React, so the attribute is set on the element itself.
    el.setAttribute('key', props.publishableKey);
    const listener = (event: Event) => props.onBooked((event as CustomEvent<BookedDetail>).detail);
    el.addEventListener('tandem:booked', listener);
    return () => el.removeEventListener('tandem:booked', listener);
  }, [props.publishableKey, props.onBooked]);
  return h('tandem-program', { ref, program: props.program });
}

function App() {
  const [program, setProgram] = useState('reiki');
  const [booked, setBooked] = useState<BookedDetail | null>(null);
  return h('div', { className: 'react-app' },
    h('p', null, 'This page is a React app. Pick a program:'),
    h('div', { role: 'group', 'aria-label': 'Program' },
      ...['reiki', 'split', 'evolve'].map((slug) => h('button', { key: slug, type: 'button', 'aria-pressed': program === slug, onClick: () => setProgram(slug) }, slug))),
    h(ProgramWidget, { key: program, publishableKey: 'pk_test_flow', program, onBooked: setBooked }),
    booked ? h('p', { role: 'status' }, `React saw the booking ${booked.booking_id} (${booked.status}).`) : null);
}

createRoot(document.getElementById('app')!).render(h(App));
