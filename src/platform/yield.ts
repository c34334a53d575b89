/**
 * Lets the app breathe in the middle of long work. The mini program's logic layer runs all of its
 * script on one thread, and taps, scrolls and setData callbacks only run between two tasks: a task
 * that runs for seconds freezes the page. A zero timeout ends the current task and resumes the work
 * in a later one, after whatever is waiting. A resolved promise would not do: its callbacks are
 * microtasks and run before anything else gets a turn.
 */
export function pauseForUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
