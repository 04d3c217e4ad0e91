/**
 * A time literal PostgreSQL time can hold. MySQL TIME is a duration ('-838:59:59', '25:00:00', '3 12:00:00');
 * PostgreSQL's is a time of day, 00:00:00 to 24:00:00. Spellings other than [D ]H:MM[:SS[.frac]] are PostgreSQL's to read.
 */
export function isTimeOfDay(v: string): boolean {
  const t = v.trim();
  if (t.startsWith('-') || /^\d+\s/.test(t)) return false;
  const m = /^(\d+):(\d+)(?::(\d+)(?:\.(\d*))?)?$/.exec(t);
  if (!m) return true;
  const [h, min, sec, frac] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number(`0.${m[4] ?? ''}`)];
  return h < 24 ? min < 60 && sec < 60 : h === 24 && min === 0 && sec === 0 && frac === 0;
}
