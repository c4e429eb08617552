import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from '../../../src/store/postgres/migrations.ts';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations.ts';

describe('the PostgreSQL migrations', () => {
  it('mirror the SQLite steps one for one: the same numbers and names, in the same order', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });
});
