/** What `fn` throws (undefined if it returns), so a test can assert on both its class and its message. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}
