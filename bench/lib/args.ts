/**
 * `--name value` / `--name=value` numeric options for the benches, checked against their defaults.
 * Bad input ends the run with one plain line (exit 2), not a stack trace.
 */
export function numberArgs<K extends string>(defaults: Record<K, number>, argv = process.argv.slice(2)): Record<K, number> {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m || !(m[1]! in defaults))
      usage(
        `unknown argument ${argv[i]} (known: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(' ')})`,
      );
    const v = Number(m[2] ?? argv[++i]);
    if (!Number.isFinite(v) || v < 0) usage(`--${m[1]} needs a number ≥ 0`);
    out[m[1] as K] = v;
  }
  return out;
}

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

/**
 * One `--name value` / `--name=value` option with a fixed set of values; returns it and the other
 * arguments (for `numberArgs`).
 */
export function choiceArg<T extends string>(name: string, choices: readonly T[], fallback: T, argv = process.argv.slice(2)): [T, string[]] {
  const rest: string[] = [];
  let value = fallback;
  for (let i = 0; i < argv.length; i++) {
    const m = new RegExp(`^--${name}(?:=(.*))?$`).exec(argv[i]!);
    if (!m) {
      rest.push(argv[i]!);
      continue;
    }
    const v = m[1] ?? argv[++i];
    if (!choices.includes(v as T)) usage(`--${name} must be one of ${choices.join(', ')}`);
    value = v as T;
  }
  return [value, rest];
}
