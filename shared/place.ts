/**
 * A place in one line, each thing said once: "Studio Flow, Langstrasse" at "Langstrasse 120,
 * 8004 Zürich" is "Studio Flow, Langstrasse 120, 8004 Zürich" (parts of the name that the
 * address already says are left out).
 */
export function placeLine(name: string, address: string): string {
  const said = address.toLowerCase();
  const parts = name.split(',').map((x) => x.trim()).filter((x) => x && !said.includes(x.toLowerCase()));
  return [...parts, address.trim()].filter(Boolean).join(', ');
}
