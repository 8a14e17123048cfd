/** Just enough MIME and iCalendar parsing for the tests to read what was really sent. */

export interface MimePart {
  headers: Record<string, string>;
  /** Decoded body (base64 / quoted-printable undone). */
  body: Buffer;
  parts: MimePart[];
}

function parseHeaders(block: string): Record<string, string> {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decode(body: string, encoding: string | undefined): Buffer {
  const e = (encoding ?? '').toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (e === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1');
  }
  return Buffer.from(body, 'utf8');
}

export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  const headerBlock = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = parseHeaders(headerBlock);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const chunks = rest.split(`--${boundary}`).slice(1);
    const parts = chunks.filter((c) => !c.startsWith('--')).map((c) => parseMime(c.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    return { headers, body: Buffer.alloc(0), parts };
  }
  return { headers, body: decode(rest, headers['content-transfer-encoding']), parts: [] };
}

export function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

export interface IcsComponent { name: string; props: { name: string; params: string; value: string }[]; children: IcsComponent[] }

/** RFC 5545: unfold, then BEGIN/END nesting; property values raw. Throws on unbalanced components. */
export function parseIcs(text: string): IcsComponent {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter(Boolean);
  const root: IcsComponent = { name: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const m = /^([A-Z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    if (!m) throw new Error(`not an iCalendar content line: ${line}`);
    const [, name, params, value] = m as unknown as [string, string, string, string];
    if (name === 'BEGIN') {
      const c: IcsComponent = { name: value, props: [], children: [] };
      stack.at(-1)!.children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      if (stack.at(-1)!.name !== value) throw new Error(`END:${value} closes ${stack.at(-1)!.name}`);
      stack.pop();
    } else {
      stack.at(-1)!.props.push({ name, params, value });
    }
  }
  if (stack.length !== 1) throw new Error('unbalanced BEGIN/END');
  return root;
}

export function prop(c: IcsComponent, name: string): string | undefined {
  return c.props.find((p) => p.name === name)?.value;
}
