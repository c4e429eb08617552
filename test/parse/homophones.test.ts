import { describe, expect, it } from 'vitest';
import { readings, repairHomophones } from '../../src/parse/homophones.ts';
import { parse } from '../../src/parse/index.ts';

const now = '2026-11-23T10:00:00+08:00';
const p = (text: string) => parse(text, { now });

describe('readings', () => {
  it('gives the common toneless reading a slip is typed by, and both readings of 还', () => {
    expect(readings('钱')).toEqual(['qian']);
    expect(readings('的')).toEqual(['de']);
    expect(readings('还')).toEqual(['hai', 'huan']);
  });
});

describe('repairHomophones: a run that sounds like a keyword becomes the keyword', () => {
  it.each([
    ['我沒前了', '我沒前了'.replace('沒前', '没钱')],
    ['工姿还没发', '工资还没发'],
    ['能宽现几天吗', '能宽限几天吗'],
    ['转任工', '转人工'],
    ['退定', '退订'],
    ['我要投素你们', '我要投诉你们'],
    ['月低还500', '月底还500'],
  ])('%s → %s', (slip, fixed) => {
    // the parser hands it canonical (simplified) text
    const r = repairHomophones(slip.replace('沒', '没'));
    expect(r.text).toBe(fixed);
    expect(r.repairs.length).toBeGreaterThan(0);
  });
  it('reads a unit typed by its sound after a count or a day (分三七 is 分三期, 25好还 is 25号还)', () => {
    expect(repairHomophones('分三七行不行').text).toBe('分三期行不行');
    expect(repairHomophones('25好还3千').text).toBe('25号还3千');
    expect(repairHomophones('分三次').repairs).toEqual([]);
  });
  it('hears zh/z, ch/c, sh/s and -ng/-n as one sound, as fuzzy-pinyin input methods do (多扫 → 多少)', () =>
    expect(repairHomophones('还要还多扫').text).toBe('还要还多少'));
  it('a two-character run must share a character with its keyword (分歧 is no 分期)', () =>
    expect(repairHomophones('我们有分歧').repairs).toEqual([]));
  it('never takes a grammatical character for a slip (三个月的工资 is no 月底, though 的 can be read di)', () =>
    expect(repairHomophones('拖欠了我三个月的工资').repairs).toEqual([]));
  it('leaves keywords and text without slips as they are', () => {
    expect(repairHomophones('我没钱,下周还').repairs).toEqual([]);
    expect(repairHomophones('hello 123').text).toBe('hello 123');
  });
});

describe('the parser repairs slips only where the lexicons are unsure, and says so', () => {
  it('reads a homophone slip as its keyword, with a lower confidence and the repair in the reason', () => {
    const r = p('我沒前了');
    expect(r.intent).toBe('no_money');
    expect(r.reason).toContain('pinyin(没前→没钱)');
    expect(r.confidence).toBeLessThan(p('我没钱了').confidence);
  });
  it.each([
    ['这个月工姿还没发', 'no_money'],
    ['能不能宽现几天', 'request_extension'],
    ['转任工', 'request_human'],
    ['我想分其还', 'request_installment'],
    ['月低还500', 'promise_to_pay'],
  ])('%s → %s', (text, intent) => expect(p(text).intent).toBe(intent));
  it('keeps a confident intent but takes the field a slip hid (失叶 → 失业: long-term)', () =>
    expect(p('我最近失叶了,实在没钱')).toMatchObject({ intent: 'no_money', hardship: 'long_term' }));
  it('does not touch a message the lexicons already read with confidence (我还欠多少钱 is a question)', () => {
    const r = p('我还欠多少钱?');
    expect(r.intent).toBe('question');
    expect(r.reason).not.toContain('pinyin');
  });
});
