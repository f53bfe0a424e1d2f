/** Waiting on the pane's service in tests. */
import type { PaneService, PaneState } from '../../src/taskpane/service';

/** Waits until the service's state satisfies `ready` (a re-check runs on a timer). */
export function until(service: PaneService, ready: (s: PaneState) => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for the pane state')), timeoutMs);
    const test = () => {
      if (!ready(service.getState())) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const unsubscribe = service.subscribe(test);
    test();
  });
}
