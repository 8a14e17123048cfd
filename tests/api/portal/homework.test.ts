/**
 * Homework uploads: POST /v1/portal/bookings/:id/milestones/:milestoneId/artifacts, the lists and
 * downloads for the customer (portal) and the booking's staff (admin API), the signed download
 * links (GET /v1/files/<token>), removal by the customer. What a file is comes from its content;
 * files live in a storage interface: a local directory, and an S3-compatible bucket (s3rver). Bodies are
 * streamed to the storage as they arrive; a booking's quota; a removed file's bytes are deleted by a job, once.
 * SPLIT (Luca, milestones "Baseline measured", …) for customer A; Reiki (Noemi, no milestones) for B.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import S3rver from 's3rver';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { freshDatabase } from '../../support/database.ts';
import { demoApp, nordKey } from '../../support/app.ts';
import { Clock, MIN, problemOf, query } from '../../support/booking.ts';
import { checkedOut, checkoutReq, customer, demoVariants, reserve, testPay } from '../../support/checkout.ts';
import { proveIdentity } from '../../support/identity.ts';
import { skFlow, staffKey } from '../../support/admin-money.ts';
import { acceptedSamples, binaryJunk, exeBytes, plainZip, samplePdf } from '../../support/homework-files.ts';
import { localStorage } from '../../../server/platform/adapters/storage/local-storage.ts';
import { s3SettingsFromUrl, s3Storage } from '../../../server/platform/adapters/storage/s3-storage.ts';
import type { FileStorage } from '../../../server/platform/adapters/storage/storage.ts';
import { HOMEWORK_OBJECTS_QUEUE, homeworkObjectsJob, MAX_ARTIFACT_BYTES, MAX_BOOKING_ARTIFACT_BYTES, MAX_BOOKING_ARTIFACTS } from '../../../server/modules/homework/index.ts';
import { runDueJobs } from '../../../server/platform/jobs/queue.ts';
import type { ArtifactList, ArtifactOut } from '../../../schema/api/homework.ts';

const START = '2026-11-25T08:00:00Z';
type App = Awaited<ReturnType<typeof demoApp>>;

/** The SPLIT booking of customer A, the Reiki booking of customer B, their tokens and the staff's keys. */
async function setUp(storage: FileStorage) {
  const db = await freshDatabase();
  const clock = new Clock(new Date(START));
  const app = await demoApp(db.db, { now: clock.now, storage });
  const v = await demoVariants(app);
  const paid = async (body: Record<string, unknown>) => {
    const b = await reserve(app, body);
    const out = await checkedOut(await checkoutReq(app, b, { method: 'card' }));
    assert.equal((await testPay(app, b, 'succeed')).status, 200);
    return { id: b.id, manage: out.booking.manage_url.split('/manage/')[1]! };
  };
  const emailA = `${randomUUID().slice(0, 8)}@example.ch`;
  const emailB = `${randomUUID().slice(0, 8)}@example.ch`;
  const split = await paid({ program: 'split', variant: v.split![0], customer: customer({ email: emailA }), sessions: { mode: 'explicit', starts: ['2026-12-02T07:00:00.000Z'] } });
  const reiki = await paid({ program: 'reiki', variant: v.reiki![0], customer: customer({ email: emailB }), sessions: { mode: 'explicit', starts: ['2026-12-07T10:00:00.000Z'] } });
  const milestones = await query(db.db, sql`select m.id, m.name from program_milestones m join programs p on p.id = m.program_id where p.slug = 'split' order by m.order_idx`);
  const [otherProgramMilestone] = await query(db.db, sql`select m.id from program_milestones m join programs p on p.id = m.program_id where p.slug <> 'split' limit 1`);
  const staffId = async (email: string) => String((await query(db.db, sql`select id from staff where email = ${email}`))[0]!.id);
  const [luca] = await query(db.db, sql`select instructor_id as id from program_bookings where id = ${split.id}`);
  const tokens = {
    a: (await proveIdentity(app, db.db, emailA))['Tandem-Identity'],
    b: (await proveIdentity(app, db.db, emailB))['Tandem-Identity'],
    nord: (await proveIdentity(app, db.db, emailA, nordKey))['Tandem-Identity'],
    manageA: split.manage,
  };
  const staff = {
    owner: skFlow,
    instructor: await staffKey(db.db, String(luca!.id)),
    otherInstructor: await staffKey(db.db, await staffId('noemi@studioflow.example')),
  };
  return { db, app, clock, split, reiki, milestones: milestones.map((m) => ({ id: String(m.id), name: String(m.name) })), otherMilestone: String(otherProgramMilestone!.id), tokens, staff };
}

const auth = (token: string): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});

/** A storage that counts its successful deletes per key and can be told to fail the next ones. */
function counted(inner: FileStorage) {
  const deletes = new Map<string, number>();
  const state = { failDeletes: 0 };
  const storage: FileStorage = {
    ...inner,
    async delete(key) {
      if (state.failDeletes > 0) { state.failDeletes--; throw new Error('storage unavailable'); }
      await inner.delete(key);
      deletes.set(key, (deletes.get(key) ?? 0) + 1);
    },
  };
  return { storage, deletes, state };
}

/** A multipart body of one file, streamed in pieces of `piece` bytes; `pause` waits before the piece at that offset of the file. */
function streamedUpload(file: Uint8Array, name: string, options: { piece?: number; pause?: { at: number; until: () => Promise<void> } } = {}) {
  const boundary = `----tandem${randomUUID()}`;
  const headBytes = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const piece = options.piece ?? 64 * 1024;
  const pulled = { bytes: 0, done: false };
  let offset = -1;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(ctl) {
      if (cancelled) return;
      if (offset < 0) { ctl.enqueue(headBytes); offset = 0; return; }
      if (offset >= file.byteLength) { ctl.enqueue(tail); ctl.close(); pulled.done = true; return; }
      if (options.pause && offset >= options.pause.at) { const p = options.pause; delete options.pause; await p.until(); }
      if (cancelled) return;
      const chunk = file.subarray(offset, offset + piece);
      offset += chunk.byteLength;
      pulled.bytes = offset;
      ctl.enqueue(new Uint8Array(chunk));
    },
    cancel() { cancelled = true; },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}`, pulled };
}

function upload(app: App, bookingId: string, milestoneId: string, token: string, bytes: Uint8Array, name: string, type = 'application/octet-stream', key = randomUUID()) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name, { type }));
  return app.request(`/v1/portal/bookings/${bookingId}/milestones/${milestoneId}/artifacts`, { method: 'POST', headers: { ...auth(token), 'Idempotency-Key': key }, body: form });
}

async function uploaded(res: Response): Promise<ArtifactOut> {
  assert.equal(res.status, 201, await res.clone().text());
  return res.json() as Promise<ArtifactOut>;
}

async function download(app: App, url: string) {
  const res = await app.request(url);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('homework uploads, local storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-homework-'));
  let s: Awaited<ReturnType<typeof setUp>>;
  const filesOnDisk = () => {
    const out: string[] = [];
    const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : out.push(join(d, e.name)); };
    if (existsSync(dir)) walk(dir);
    return out;
  };
  const artifactRows = async () => Number((await query(s.db.db, sql`select count(*)::int as n from booking_artifacts`))[0]!.n);
  const store = counted(localStorage(dir));
  /** Runs the removal jobs due now; answers how many ran. */
  const removeObjects = () => runDueJobs(s.db.executor, [homeworkObjectsJob({ storage: store.storage })] as never);

  before(async () => { s = await setUp(store.storage); });
  after(async () => { await s.db.close(); rmSync(dir, { recursive: true, force: true }); });

  test('the customer uploads a PDF: stored under the server\'s key, the instructor is mailed, and the download is an attachment of the sniffed type', async () => {
    const m = s.milestones[0]!;
    // The client's name and Content-Type are not believed: the name keeps its stem, the extension is the content's.
    const a = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, samplePdf, '../../Spagat Woche 1.exe', 'text/html'));
    assert.equal(a.kind, 'pdf');
    assert.equal(a.content_type, 'application/pdf');
    assert.equal(a.filename, 'Spagat Woche 1.pdf');
    assert.equal(a.milestone_id, m.id);
    assert.equal(a.size_bytes, samplePdf.length);
    const [row] = await query(s.db.db, sql`select org_id, booking_id, storage_key, sha256 from booking_artifacts where id = ${a.id}`);
    assert.equal(row!.storage_key, `${row!.org_id}/${s.split.id}/${a.id}`);
    assert.deepEqual(filesOnDisk(), [join(dir, String(row!.org_id), s.split.id, a.id)]);

    const mail = await query(s.db.db, sql`select o.to_address, o.subject, o.text_body from mail_outbox o where o.dedupe_key = ${`homework:${a.id}`}`);
    assert.equal(mail.length, 1);
    const [luca] = await query(s.db.db, sql`select s.email from staff s join program_bookings b on b.instructor_id = s.id where b.id = ${s.split.id}`);
    assert.equal(mail[0]!.to_address, luca!.email);
    // The customer's file name is made inert in the mail (word joiners: never a link).
    const text = String(mail[0]!.text_body).replaceAll('\u2060', '');
    assert.match(text, new RegExp(m.name));
    assert.match(text, /Spagat Woche 1\.pdf/);
    const [event] = await query(s.db.db, sql`select actor_role, payload from domain_events where type = 'homework.uploaded' and subject_id = ${s.split.id}`);
    assert.equal((event!.payload as { artifact_id: string }).artifact_id, a.id);

    const { res, bytes } = await download(s.app, a.download_url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="Spagat Woche 1.pdf"; filename*=UTF-8\'\'Spagat%20Woche%201.pdf');
    assert.equal(res.headers.get('cache-control'), 'private, no-store');
    assert.deepEqual(bytes, samplePdf);
  });

  test('every accepted kind is recognised by its content, whatever it is called', async () => {
    const m = s.milestones[1]!;
    for (const sample of acceptedSamples) {
      const a = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, sample.bytes, `upload-${sample.kind}.bin`, 'application/octet-stream'));
      assert.equal(a.kind, sample.kind, sample.name);
      assert.equal(a.content_type, sample.contentType, sample.name);
      assert.equal(a.filename, `upload-${sample.kind}.${sample.kind}`);
      const { res, bytes } = await download(s.app, a.download_url);
      assert.equal(res.headers.get('content-type'), sample.contentType);
      assert.deepEqual(bytes, sample.bytes);
    }
  });

  test('refused by content: a program renamed .pdf, a ZIP that is no document, binary junk, an empty file; nothing is kept', async () => {
    const before = { rows: await artifactRows(), files: filesOnDisk().length };
    const m = s.milestones[0]!;
    for (const [bytes, name, type] of [[exeBytes, 'homework.pdf', 'application/pdf'], [plainZip, 'essay.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], [binaryJunk, 'notes.txt', 'text/plain']] as const) {
      const p = await problemOf(await upload(s.app, s.split.id, m.id, s.tokens.a, bytes, name, type));
      assert.equal(p.status, 422, name);
      assert.equal(p.code, 'file_type_not_allowed');
    }
    const empty = await problemOf(await upload(s.app, s.split.id, m.id, s.tokens.a, new Uint8Array(0), 'empty.pdf'));
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.errors?.map((e) => e.field), ['file']);
    // HTML is text: kept as text/plain, served as an attachment with nosniff, never rendered.
    const html = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, Buffer.from('<script>alert(1)</script>'), 'page.html', 'text/html'));
    assert.deepEqual([html.kind, html.filename], ['txt', 'page.txt']);
    await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${html.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } });
    await removeObjects();
    assert.deepEqual({ rows: await artifactRows(), files: filesOnDisk().length }, before);
  });

  test('not multipart, no file field, two files: 400 with the field named', async () => {
    const url = `/v1/portal/bookings/${s.split.id}/milestones/${s.milestones[0]!.id}/artifacts`;
    const json = await problemOf(await s.app.request(url, { method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID(), 'Content-Type': 'application/json' }, body: '{}' }));
    assert.deepEqual([json.status, json.code, json.errors?.[0]?.field], [400, 'validation_failed', 'file']);
    const form = new FormData();
    form.set('other', 'x');
    const none = await problemOf(await s.app.request(url, { method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() }, body: form }));
    assert.deepEqual([none.status, none.errors?.[0]?.field], [400, 'file']);
    const two = new FormData();
    two.append('file', new File([samplePdf], 'a.pdf'));
    two.append('file', new File([samplePdf], 'b.pdf'));
    const many = await problemOf(await s.app.request(url, { method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() }, body: two }));
    assert.deepEqual([many.status, many.errors?.[0]?.field], [400, 'file']);
  });

  test('20 MB is the limit: exactly 20 MB is taken, one byte more and a far larger body are 413 file_too_large', async () => {
    const m = s.milestones[2]!;
    const exact = Buffer.alloc(MAX_ARTIFACT_BYTES, 0x20);
    samplePdf.copy(exact);
    const a = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, exact, 'big.pdf'));
    assert.equal(a.size_bytes, MAX_ARTIFACT_BYTES);
    const before = { rows: await artifactRows(), files: filesOnDisk().length };
    for (const size of [MAX_ARTIFACT_BYTES + 1, MAX_ARTIFACT_BYTES + 2 * 1024 * 1024]) {
      const big = Buffer.alloc(size, 0x20);
      samplePdf.copy(big);
      const p = await problemOf(await upload(s.app, s.split.id, m.id, s.tokens.a, big, 'too-big.pdf'));
      assert.equal(p.status, 413, String(size));
      assert.equal(p.code, 'file_too_large');
      assert.equal((p as unknown as { max_bytes: number }).max_bytes, MAX_ARTIFACT_BYTES);
    }
    assert.deepEqual({ rows: await artifactRows(), files: filesOnDisk().length }, before);
    const del = await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${a.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } });
    assert.equal(del.status, 204);
    await removeObjects();
  });

  test('the body streams to the storage as it arrives: half of a 12 MB file is on disk before the rest is sent, and the stored file is the one sent', async () => {
    const file = Buffer.alloc(12 * 1024 * 1024, 0x41);
    samplePdf.copy(file);
    for (let i = samplePdf.length; i < file.length; i += 4093) file[i] = 0x30 + (i % 43);
    const partialBytes = () => filesOnDisk().filter((f) => f.endsWith('.part')).reduce((n, f) => n + statSync(f).size, 0);
    let seenOnDisk = 0;
    const up = streamedUpload(file, 'streamed.pdf', {
      piece: 256 * 1024,
      pause: {
        at: 6 * 1024 * 1024,
        // The client holds back the second half until the first has reached the storage (a buffering server would wait forever).
        until: async () => {
          const deadline = Date.now() + 20_000;
          while ((seenOnDisk = partialBytes()) < 4 * 1024 * 1024) {
            if (Date.now() > deadline) throw new Error(`only ${seenOnDisk} bytes on disk while the body is half sent`);
            await new Promise((r) => setTimeout(r, 20));
          }
        },
      },
    });
    const res = await s.app.request(`/v1/portal/bookings/${s.split.id}/milestones/${s.milestones[0]!.id}/artifacts`, {
      method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID(), 'Content-Type': up.contentType }, body: up.body, duplex: 'half',
    } as RequestInit);
    const a = await uploaded(res);
    assert.ok(seenOnDisk >= 4 * 1024 * 1024);
    assert.equal(a.size_bytes, file.length);
    assert.equal(a.kind, 'pdf');
    const [row] = await query(s.db.db, sql`select storage_key, sha256 from booking_artifacts where id = ${a.id}`);
    assert.equal(row!.sha256, createHash('sha256').update(file).digest('hex'));
    assert.ok(readFileSync(join(dir, ...String(row!.storage_key).split('/'))).equals(file));
    assert.equal(filesOnDisk().filter((f) => f.endsWith('.part')).length, 0);
    await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${a.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } });
    await removeObjects();
  });

  test('a streamed body without a length is refused one byte over 20 MB, read no further, and leaves no partial file', async () => {
    const before = { rows: await artifactRows(), files: filesOnDisk().length };
    const file = Buffer.alloc(40 * 1024 * 1024, 0x20);
    samplePdf.copy(file);
    const up = streamedUpload(file.subarray(0, MAX_ARTIFACT_BYTES + 1), 'over.pdf', { piece: 64 * 1024 });
    const p = await problemOf(await s.app.request(`/v1/portal/bookings/${s.split.id}/milestones/${s.milestones[0]!.id}/artifacts`, {
      method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID(), 'Content-Type': up.contentType }, body: up.body, duplex: 'half',
    } as RequestInit));
    assert.deepEqual([p.status, p.code], [413, 'file_too_large']);
    const big = streamedUpload(file, 'far-over.pdf', { piece: 64 * 1024 });
    const q = await problemOf(await s.app.request(`/v1/portal/bookings/${s.split.id}/milestones/${s.milestones[0]!.id}/artifacts`, {
      method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID(), 'Content-Type': big.contentType }, body: big.body, duplex: 'half',
    } as RequestInit));
    assert.equal(q.status, 413);
    assert.ok(big.pulled.bytes < MAX_ARTIFACT_BYTES + 1024 * 1024, `read ${big.pulled.bytes} bytes of a 40 MB body`);
    // A refused type is decided from the head: a 10 MB program is not stored, and not read to its end.
    const exe = Buffer.alloc(10 * 1024 * 1024);
    exeBytes.copy(exe);
    const prog = streamedUpload(exe, 'homework.pdf', { piece: 64 * 1024 });
    const r = await problemOf(await s.app.request(`/v1/portal/bookings/${s.split.id}/milestones/${s.milestones[0]!.id}/artifacts`, {
      method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID(), 'Content-Type': prog.contentType }, body: prog.body, duplex: 'half',
    } as RequestInit));
    assert.deepEqual([r.status, r.code], [422, 'file_type_not_allowed']);
    assert.ok(prog.pulled.bytes < 2 * 1024 * 1024, `read ${prog.pulled.bytes} bytes of a refused 10 MB program`);
    // Text that turns binary after its first megabyte: refused at that piece, the partial object removed.
    const turns = Buffer.alloc(3 * 1024 * 1024, 0x61);
    turns[2 * 1024 * 1024] = 0x00;
    assert.equal((await upload(s.app, s.split.id, s.milestones[0]!.id, s.tokens.a, turns, 'notes.txt', 'text/plain')).status, 422);
    assert.deepEqual({ rows: await artifactRows(), files: filesOnDisk().length }, before);
  });

  test('a booking holds at most 50 files and 200 MB: beyond, 409 homework_quota_exceeded, nothing stored; removing a file makes room', async () => {
    const m = s.milestones[1]!;
    const [b] = await query(s.db.db, sql`select org_id, customer_id from program_bookings where id = ${s.split.id}`);
    const used = async () => (await query(s.db.db, sql`select count(*)::int as files, coalesce(sum(size_bytes), 0)::bigint as bytes from booking_artifacts where booking_id = ${s.split.id}`))[0]!;
    // What the booking holds already, filled up (as owner: rows only, their bytes do not matter here) to 100 bytes short of 200 MB.
    const start = await used();
    const filler = randomUUID();
    await query(s.db.db, sql`insert into booking_artifacts (id, org_id, booking_id, milestone_id, customer_id, storage_key, filename, content_type, extension, size_bytes, sha256)
      values (${filler}, ${b!.org_id}, ${s.split.id}, ${m.id}, ${b!.customer_id}, ${`${b!.org_id}/${s.split.id}/${filler}`}, 'filler.pdf', 'application/pdf', 'pdf',
        ${MAX_BOOKING_ARTIFACT_BYTES - Number(start.bytes) - 100}, 'x')`);
    const before = { rows: await artifactRows(), files: filesOnDisk().length };
    const over = Buffer.concat([samplePdf, Buffer.alloc(Math.max(0, 101 - samplePdf.length), 0x20)]);
    const p = await problemOf(await upload(s.app, s.split.id, m.id, s.tokens.a, over, 'one-too-many.pdf'));
    assert.deepEqual([p.status, p.code], [409, 'homework_quota_exceeded']);
    const extra = p as unknown as Record<string, number>;
    assert.deepEqual([extra.max_files, extra.max_bytes, extra.used_bytes], [MAX_BOOKING_ARTIFACTS, MAX_BOOKING_ARTIFACT_BYTES, MAX_BOOKING_ARTIFACT_BYTES - 100]);
    assert.deepEqual({ rows: await artifactRows(), files: filesOnDisk().length }, before);
    // What still fits is taken.
    const fits = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, Buffer.concat([samplePdf]).subarray(0, Math.min(samplePdf.length, 100)), 'fits.pdf'));
    assert.ok(fits.size_bytes <= 100);
    // 50 files: the 51st is refused before its body is read.
    await query(s.db.db, sql`update booking_artifacts set size_bytes = 1 where id = ${filler}`);
    const count = Number((await used()).files);
    for (let i = count; i < MAX_BOOKING_ARTIFACTS; i++) {
      const id = randomUUID();
      await query(s.db.db, sql`insert into booking_artifacts (id, org_id, booking_id, milestone_id, customer_id, storage_key, filename, content_type, extension, size_bytes, sha256)
        values (${id}, ${b!.org_id}, ${s.split.id}, ${m.id}, ${b!.customer_id}, ${`${b!.org_id}/${s.split.id}/${id}`}, 'f.pdf', 'application/pdf', 'pdf', 1, 'x')`);
    }
    const up = streamedUpload(samplePdf, 'fifty-one.pdf');
    const full = await problemOf(await s.app.request(`/v1/portal/bookings/${s.split.id}/milestones/${m.id}/artifacts`, {
      method: 'POST', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID(), 'Content-Type': up.contentType }, body: up.body, duplex: 'half',
    } as RequestInit));
    assert.deepEqual([full.status, full.code, (full as unknown as Record<string, number>).used_files], [409, 'homework_quota_exceeded', MAX_BOOKING_ARTIFACTS]);
    assert.equal(up.pulled.bytes, 0, 'no byte of the file was read');
    // One removed: room for one more.
    assert.equal((await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${fits.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } })).status, 204);
    const again = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, samplePdf, 'room-again.pdf'));
    // Two at once for the last place: one is taken, one refused.
    assert.equal((await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${again.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } })).status, 204);
    const both = await Promise.all([0, 1].map(() => upload(s.app, s.split.id, m.id, s.tokens.a, samplePdf, 'race.pdf')));
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
    await removeObjects();
    // Leave the booking as it was for the tests after this one.
    await query(s.db.db, sql`delete from booking_artifacts where booking_id = ${s.split.id} and (sha256 = 'x' or filename = 'race.pdf')`);
    assert.equal(filesOnDisk().filter((f) => f.endsWith('.part')).length, 0);
  });

  test('the same Idempotency-Key uploads once: the replay answers the first file with a fresh link, and keeps no second copy', async () => {
    const key = randomUUID();
    const m = s.milestones[0]!;
    const first = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, samplePdf, 'once.pdf', 'application/pdf', key));
    const files = filesOnDisk().length;
    const again = await upload(s.app, s.split.id, m.id, s.tokens.a, samplePdf, 'once.pdf', 'application/pdf', key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotency-replayed'), 'true');
    assert.equal(((await again.json()) as ArtifactOut).id, first.id);
    assert.equal(filesOnDisk().length, files);
    const other = await problemOf(await upload(s.app, s.split.id, m.id, s.tokens.a, acceptedSamples[1]!.bytes, 'other.png', 'image/png', key));
    assert.equal(other.code, 'idempotency_key_reused');
    assert.equal(filesOnDisk().length, files);
  });

  test('who may: the customer (identity or manage link) and the booking\'s people; another customer, another studio, no or a bad token, the other instructor may not', async () => {
    const m = s.milestones[0]!;
    const list = async (path: string, headers: Record<string, string>) => s.app.request(path, { headers });
    const own = await list(`/v1/portal/bookings/${s.split.id}/artifacts`, auth(s.tokens.manageA));
    assert.equal(own.status, 200);
    const ownList = (await own.json()) as ArtifactList;
    assert.ok(ownList.artifacts.length >= 2);
    assert.equal(ownList.max_bytes, MAX_ARTIFACT_BYTES);
    const rowsBefore = await artifactRows();
    for (const [token, status] of [[s.tokens.b, 404], [s.tokens.nord, 404], ['', 401], ['it_' + 'x'.repeat(43), 401]] as const) {
      assert.equal((await list(`/v1/portal/bookings/${s.split.id}/artifacts`, auth(token))).status, status);
      assert.equal((await list(`/v1/portal/bookings/${s.split.id}/artifacts/${ownList.artifacts[0]!.id}`, auth(token))).status, status);
      const p = await problemOf(await upload(s.app, s.split.id, m.id, token, samplePdf, 'sneaky.pdf'));
      assert.equal(p.status, status);
      const del = await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${ownList.artifacts[0]!.id}`, { method: 'DELETE', headers: { ...auth(token), 'Idempotency-Key': randomUUID() } });
      assert.equal(del.status, status);
    }
    // A manage link opens its own booking only; a milestone of another program is not this booking's.
    assert.equal((await problemOf(await upload(s.app, s.reiki.id, m.id, s.tokens.manageA, samplePdf, 'x.pdf'))).status, 404);
    assert.equal((await problemOf(await upload(s.app, s.split.id, s.otherMilestone, s.tokens.a, samplePdf, 'x.pdf'))).status, 404);
    assert.equal((await problemOf(await upload(s.app, s.split.id, randomUUID(), s.tokens.a, samplePdf, 'x.pdf'))).status, 404);
    assert.equal(await artifactRows(), rowsBefore);

    // Staff: the owner and the booking's instructor read the list and download; another instructor gets 404.
    for (const headers of [s.staff.owner, s.staff.instructor]) {
      const res = await list(`/v1/admin/bookings/${s.split.id}/artifacts`, headers);
      assert.equal(res.status, 200);
      const body = (await res.json()) as ArtifactList;
      assert.deepEqual(body.artifacts.map((x) => x.id), ownList.artifacts.map((x) => x.id));
      const one = await list(`/v1/admin/bookings/${s.split.id}/artifacts/${ownList.artifacts[0]!.id}?download=1`, headers);
      assert.equal(one.status, 303);
      const { res: file } = await download(s.app, one.headers.get('location')!);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-disposition')!, /^attachment;/);
    }
    assert.equal((await list(`/v1/admin/bookings/${s.split.id}/artifacts`, s.staff.otherInstructor)).status, 404);
    assert.equal((await list(`/v1/admin/bookings/${s.split.id}/artifacts/${ownList.artifacts[0]!.id}`, s.staff.otherInstructor)).status, 404);
  });

  test('a download link lasts five minutes and opens only what it was signed for', async () => {
    const a = await uploaded(await upload(s.app, s.split.id, s.milestones[0]!.id, s.tokens.a, samplePdf, 'link.pdf'));
    const url = new URL(a.download_url);
    assert.equal(url.origin, 'http://localhost:8787');
    assert.equal(Date.parse(a.download_expires_at) - s.clock.now().getTime(), 5 * MIN);
    const token = url.pathname.split('/').pop()!;
    const [body, mac] = token.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    // Tampered: another file under the same signature, a changed signature, a token of another purpose.
    const forged = Buffer.from(JSON.stringify({ ...payload, a: randomUUID() })).toString('base64url');
    const flipped = mac!.slice(0, -2) + (mac!.endsWith('AA') ? 'AB' : 'AA');
    for (const bad of [`${forged}.${mac}`, `${body}.${flipped}`, `${body}`, 'x', `${Buffer.from(JSON.stringify({ ...payload, p: 'invoice' })).toString('base64url')}.${mac}`]) {
      const p = await problemOf(await s.app.request(`/v1/files/${bad}`));
      assert.equal(p.status, 404, bad);
    }
    s.clock.set(new Date(s.clock.now().getTime() + 5 * MIN - 1000).toISOString());
    assert.equal((await download(s.app, a.download_url)).res.status, 200);
    s.clock.set(new Date(s.clock.now().getTime() + 1000).toISOString());
    const expired = await problemOf(await s.app.request(a.download_url));
    assert.deepEqual([expired.status, expired.code], [404, 'not_found']);
    // A fresh list signs a fresh link.
    const fresh = (await (await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${a.id}`, { headers: auth(s.tokens.manageA) })).json()) as ArtifactOut;
    assert.equal((await download(s.app, fresh.download_url)).res.status, 200);
  });

  test('the customer removes their upload: the row, the file and its links are gone; a replay of the removal answers the same', async () => {
    const a = await uploaded(await upload(s.app, s.split.id, s.milestones[0]!.id, s.tokens.a, samplePdf, 'remove-me.pdf'));
    const key = randomUUID();
    const del = () => s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${a.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': key } });
    const [row] = await query(s.db.db, sql`select storage_key from booking_artifacts where id = ${a.id}`);
    const key1 = String(row!.storage_key);
    assert.equal((await del()).status, 204);
    const replay = await del();
    assert.deepEqual([replay.status, replay.headers.get('idempotency-replayed')], [204, 'true']);
    assert.equal((await query(s.db.db, sql`select 1 from booking_artifacts where id = ${a.id}`)).length, 0);
    // The bytes go after commit, by the one job the removal queued (the replay queued none).
    const jobs = await query(s.db.db, sql`select data from pgboss.job where name = ${HOMEWORK_OBJECTS_QUEUE} and data->>'artifact_id' = ${a.id}`);
    assert.deepEqual(jobs.map((j) => (j.data as { storage_key: string }).storage_key), [key1]);
    assert.ok(filesOnDisk().some((f) => f.endsWith(a.id)), 'kept until the job runs');
    assert.equal(await removeObjects(), 1);
    assert.ok(!filesOnDisk().some((f) => f.endsWith(a.id)));
    assert.equal(store.deletes.get(key1), 1);
    assert.equal(await removeObjects(), 0);
    assert.equal(store.deletes.get(key1), 1, 'removed exactly once');
    assert.equal((await s.app.request(a.download_url)).status, 404);
    const again = await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${a.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } });
    assert.equal(again.status, 404);
  });

  test('a storage that fails the removal: the object stays, the job is tried again and removes it once', async () => {
    const a = await uploaded(await upload(s.app, s.split.id, s.milestones[0]!.id, s.tokens.a, samplePdf, 'retry-me.pdf'));
    const [row] = await query(s.db.db, sql`select storage_key from booking_artifacts where id = ${a.id}`);
    const key = String(row!.storage_key);
    assert.equal((await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${a.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } })).status, 204);
    store.state.failDeletes = 1;
    assert.equal(await removeObjects(), 1);
    assert.ok(filesOnDisk().some((f) => f.endsWith(a.id)), 'still there after the failed attempt');
    const [job] = await query(s.db.db, sql`select state from pgboss.job where name = ${HOMEWORK_OBJECTS_QUEUE} and data->>'artifact_id' = ${a.id}`);
    assert.equal(job!.state, 'retry');
    // The back-off passed.
    await query(s.db.db, sql`update pgboss.job set start_after = now() - interval '1 second' where name = ${HOMEWORK_OBJECTS_QUEUE} and state = 'retry'`);
    assert.equal(await removeObjects(), 1);
    assert.ok(!filesOnDisk().some((f) => f.endsWith(a.id)));
    assert.equal(store.deletes.get(key), 1);
    assert.equal(await removeObjects(), 0);
    const [done] = await query(s.db.db, sql`select state from pgboss.job where name = ${HOMEWORK_OBJECTS_QUEUE} and data->>'artifact_id' = ${a.id}`);
    assert.equal(done!.state, 'completed');
  });
});

describe('homework uploads, S3-compatible storage (s3rver)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'homework' }] });
  let s: Awaited<ReturnType<typeof setUp>>;
  let client: S3Client;
  let s3: FileStorage;
  let s3Url = '';

  before(async () => {
    const { port } = await server.run();
    s3Url = `http://S3RVER:S3RVER@127.0.0.1:${port}/homework/tandem`;
    const settings = s3SettingsFromUrl(s3Url);
    client = new S3Client({ endpoint: settings.endpoint, region: settings.region, forcePathStyle: true, credentials: settings.credentials! });
    s3 = s3Storage(settings);
    s = await setUp(s3);
  });
  after(async () => {
    client?.destroy();
    await s?.db.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const keysInBucket = async () => ((await client.send(new ListObjectsV2Command({ Bucket: 'homework' }))).Contents ?? []).map((o) => o.Key!).sort();

  test('S3_URL names the endpoint, the bucket, a prefix and the credentials', () => {
    const settings = s3SettingsFromUrl('https://AK%2F1:se%40cret@s3.example.com:9000/bucket/some/prefix?region=eu-central-2');
    assert.deepEqual(settings, { endpoint: 'https://s3.example.com:9000', bucket: 'bucket', prefix: 'some/prefix/', region: 'eu-central-2', credentials: { accessKeyId: 'AK/1', secretAccessKey: 'se@cret' } });
    assert.throws(() => s3SettingsFromUrl('https://s3.example.com/'), /bucket/);
    assert.throws(() => s3SettingsFromUrl('ftp://s3.example.com/b'), /https/);
  });

  test('upload, list, download and removal go through the bucket under the prefix', async () => {
    const m = s.milestones[0]!;
    const a = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, samplePdf, 'in-the-bucket.pdf'));
    const [row] = await query(s.db.db, sql`select storage_key from booking_artifacts where id = ${a.id}`);
    assert.deepEqual(await keysInBucket(), [`tandem/${row!.storage_key}`]);
    const { res, bytes } = await download(s.app, a.download_url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-disposition')!, /^attachment; filename="in-the-bucket\.pdf"/);
    assert.deepEqual(bytes, samplePdf);
    // A refused file leaves nothing in the bucket.
    assert.equal((await upload(s.app, s.split.id, m.id, s.tokens.a, exeBytes, 'x.pdf')).status, 422);
    assert.equal((await keysInBucket()).length, 1);
    // A file larger than the sniffed head streams on (to a temporary file, then to the bucket with its length).
    const large = Buffer.alloc(3 * 1024 * 1024 + 17, 0x42);
    samplePdf.copy(large);
    const big = await uploaded(await upload(s.app, s.split.id, m.id, s.tokens.a, large, 'large.pdf'));
    assert.deepEqual((await download(s.app, big.download_url)).bytes, large);
    assert.equal((await keysInBucket()).length, 2);
    assert.equal((await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${big.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } })).status, 204);
    const del = await s.app.request(`/v1/portal/bookings/${s.split.id}/artifacts/${a.id}`, { method: 'DELETE', headers: { ...auth(s.tokens.a), 'Idempotency-Key': randomUUID() } });
    assert.equal(del.status, 204);
    assert.equal((await keysInBucket()).length, 2, 'kept until the removal jobs run');
    assert.equal(await runDueJobs(s.db.executor, [homeworkObjectsJob({ storage: s3 })] as never), 2);
    assert.deepEqual(await keysInBucket(), []);
    assert.equal((await s.app.request(a.download_url)).status, 404);
  });
});
