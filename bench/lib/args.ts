/** The bench scripts' command line: `--name=value` or `--name value`. */

/** Reads the argument `--name=value` or `--name value`; undefined when absent. */
export function argOf(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = args[i] as string;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
}

/** Reads a numeric argument, or `fallback` when it is absent. */
export function numberArg(name: string, fallback: number): number {
  const value = argOf(name);
  return value === undefined ? fallback : Number(value);
}
