/**
 * Settings a statement runs under (QueryOptions.settings), as both engines apply them: on a
 * connection's start-up options, or set for one transaction.
 */

/** A setting's name and value as a connection's start-up options can carry them: no spaces, no quotes. */
const NAME = /^[a-z_]+$/;
const VALUE = /^[A-Za-z0-9_.]+$/;

/** The settings in a stable order, each checked to be one a start-up option can carry. */
export function settingEntries(settings: Readonly<Record<string, string>>): Array<[string, string]> {
  const entries = Object.entries(settings).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, value] of entries) {
    if (!NAME.test(name) || !VALUE.test(value))
      throw new TypeError(`setting ${name}: not a plain name and value`);
  }
  return entries;
}

/** One statement that sets them all for the current transaction (`SET LOCAL`). */
export function setLocalSql(entries: ReadonlyArray<[string, string]>): [string, string[]] {
  const calls = entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`);
  return [`SELECT ${calls.join(', ')}`, entries.flat()];
}

/** A transaction's queries take no settings: they would not be applied. */
export function refuseSettings(options: { settings?: unknown } | undefined): void {
  if (options?.settings) throw new TypeError('settings apply to a statement outside a transaction only');
}
