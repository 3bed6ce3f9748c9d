/** `1 byte`, `2 bytes`: counts in messages read as English, never `byte(s)`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}
