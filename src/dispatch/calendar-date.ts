/** A `date` column as the calendar date it holds: node-postgres gives a local-midnight Date, PGlite may give a string. */
export function calendarDate(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
}
