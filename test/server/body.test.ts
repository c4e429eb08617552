import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { body, query } from '../../src/server/body.ts';

const Item = z.strictObject({
  name: z.string().min(1, 'expected a name'),
  sizes: z.array(z.number().int().positive('expected a positive size')).default([1]),
});
const Page = z.object({ page: z.coerce.number().int().min(1).default(1) });

let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const app = express();
  // Echo what the handler received, so the test sees the parsed value, not the raw request.
  app.post('/items', express.json(), body(Item), (req, res) => void res.json({ got: req.body }));
  app.get('/items', query(Page), (req, res) => void res.json({ got: req.query }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(async () => close());

const post = (json: unknown) =>
  fetch(`${url}/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });

describe('body(schema)', () => {
  it('hands the handler the parsed body, defaults filled', async () => {
    const res = await post({ name: 'a' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { name: 'a', sizes: [1] } });
  });

  it('answers 400 with the field path and the message, and the handler never runs', async () => {
    const res = await post({ name: 'a', sizes: [2, -1] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'sizes.1: expected a positive size' });
    expect(await (await post({ name: '' })).json()).toEqual({ error: 'name: expected a name' });
  });

  it('names an unknown field of a strict schema', async () => {
    const res = await post({ name: 'a', colour: 'red' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^body: .*colour/);
  });

  it('says "body" when the body itself is the wrong shape', async () => {
    const res = await post([1, 2]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^body: /);
  });
});

describe('query(schema)', () => {
  it('hands the handler the parsed query', async () => {
    expect(await (await fetch(`${url}/items?page=3`)).json()).toEqual({ got: { page: 3 } });
    expect(await (await fetch(`${url}/items`)).json()).toEqual({ got: { page: 1 } });
  });

  it('answers 400 naming the parameter', async () => {
    const res = await fetch(`${url}/items?page=0`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^page: /);
  });
});
