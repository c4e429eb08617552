/**
 * The wall clock lives at the edge (CLIs, server), never in the core. A default `now` carries an
 * offset: China has one zone (+08:00) for zh-CN; en-US conversations use this machine's offset.
 */
export function wallClockNow(locale: 'zh-CN' | 'en-US', at: Date = new Date()): string {
  const offsetMinutes = locale === 'zh-CN' ? 480 : -at.getTimezoneOffset();
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
